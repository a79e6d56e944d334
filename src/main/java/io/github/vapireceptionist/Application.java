package io.github.vapireceptionist;

import io.github.vapireceptionist.assistant.AssistantSync;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class Application {

    public static void main(String[] args) {
        if (AssistantSync.requested(args)) {
            System.exit(AssistantSync.run(args));
        }
        SpringApplication.run(Application.class, args);
    }
}
