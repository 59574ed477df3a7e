package dk.medcomgateway.intake.fuzz;

import java.util.Random;

/**
 * A seeded generator of bad inputs for one kind of intake payload: the same seed gives the same
 * cases. Each payload format (FHIR, EDIFACT/OIOXML, SBDH) has one; the channels (HTTP, JMS, file
 * drop) take any of them.
 */
public interface BadInputs {

    /** The {@code index}th case, drawn from {@code random} (seeded per case, so one case can be replayed alone). */
    BadInput next(Random random, int index);
}
