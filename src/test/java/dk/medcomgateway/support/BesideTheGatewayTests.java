package dk.medcomgateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A test class that needs nothing of the shared gateway ({@link GatewayTestBase}) and may run beside its tests, which
 * spend much of their time waiting for a delivery with a core idle. One such class at a time (the lock), its methods
 * one after another (a class holding a lock runs its methods on one thread). Everything else runs alone, in order.
 * For classes that build their own gateways, validators or class graphs in directories of their own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(BesideTheGatewayTests.LOCK)
public @interface BesideTheGatewayTests {

    String LOCK = "beside-the-gateway-tests";
}
