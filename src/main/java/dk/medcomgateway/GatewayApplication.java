package dk.medcomgateway;

import dk.medcomgateway.conformance.ValidateCommand;
import dk.medcomgateway.validation.EarlyValidatorStart;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    /** Runs the gateway; {@code validate FILE|DIR...} instead checks message files and exits (ValidateCommand). */
    public static void main(String[] args) {
        if (args.length > 0 && ValidateCommand.NAME.equals(args[0])) {
            ValidateCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        EarlyValidatorStart.begin();
        SpringApplication.run(GatewayApplication.class, args);
    }
}
