package io.github.vapireceptionist;

import io.github.vapireceptionist.assistant.AssistantSync;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisReactiveAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisRepositoriesAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Redis is configured by the shared store only when REDIS_URL is set (store/StoreConfiguration), never on Boot's localhost default. */
@SpringBootApplication(exclude = {RedisAutoConfiguration.class, RedisReactiveAutoConfiguration.class,
        RedisRepositoriesAutoConfiguration.class})
@ConfigurationPropertiesScan
public class Application {

    public static void main(String[] args) {
        if (AssistantSync.requested(args)) {
            System.exit(AssistantSync.run(args));
        }
        SpringApplication.run(Application.class, args);
    }
}
