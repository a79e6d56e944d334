package io.github.vapireceptionist.assistant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vapireceptionist.app.AppProperties;
import io.github.vapireceptionist.business.BusinessesConfiguration;
import io.github.vapireceptionist.calendar.EasyAppointmentsProperties;
import io.github.vapireceptionist.catalog.CatalogProperties;
import io.github.vapireceptionist.ops.CommandLogFormat;
import io.github.vapireceptionist.webhook.VapiProperties;
import io.github.vapireceptionist.webhook.WebhookProperties;
import java.util.Arrays;
import java.util.stream.Stream;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The assistant sync as a command: reads the same settings as the backend (environment variables,
 * application.yaml, {@code --name=value} arguments), syncs the Vapi assistant and exits, without
 * starting the webhook server, the routes or the sandbox calendar. Run it as
 * {@code docker compose run --rm assistant-sync}, or with the jar:
 * {@code java -cp app.jar -Dloader.main=io.github.vapireceptionist.assistant.AssistantSync org.springframework.boot.loader.launch.PropertiesLauncher}.
 */
public final class AssistantSync {

    private static final String COMMAND_OUTPUT = "--logging.structured.format.console=" + CommandLogFormat.class.getName();

    private AssistantSync() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Whether the command line asks for the sync ({@code --assistant.sync} or {@code --assistant-sync}). */
    public static boolean requested(String... args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals("--assistant.sync") || arg.equals("--assistant-sync"));
    }

    /** Syncs and returns the exit code (see {@link AssistantSyncCommand#run()}). */
    public static int run(String... args) {
        ConfigurableApplicationContext context;
        try {
            // the operator reads this in a terminal: readable lines, whatever LOG_FORMAT says for the backend
            String[] withOutputFormat = Stream.concat(Stream.of(COMMAND_OUTPUT), Arrays.stream(args)).toArray(String[]::new);
            context = new SpringApplicationBuilder(Settings.class)
                    .web(WebApplicationType.NONE)
                    .bannerMode(Banner.Mode.OFF)
                    .logStartupInfo(false)
                    .registerShutdownHook(false)
                    .run(withOutputFormat);
        } catch (RuntimeException settingsUnreadable) {
            // Spring Boot has already reported which setting could not be read, and why.
            return AssistantSyncCommand.NOT_CONFIGURED;
        }
        try (context) {
            return context.getBean(AssistantSyncCommand.class).run();
        }
    }

    /**
     * Only the settings the sync reads. Deliberately not a {@code @Configuration}: the backend's
     * component scan must not pick the sync up.
     */
    @EnableConfigurationProperties({AssistantSyncProperties.class, VapiProperties.class, AppProperties.class,
            WebhookProperties.class, EasyAppointmentsProperties.class, CatalogProperties.class})
    static class Settings {

        @Bean
        AssistantSyncCommand assistantSyncCommand(AssistantSyncProperties sync, VapiProperties vapi, AppProperties app,
                WebhookProperties webhook, EasyAppointmentsProperties calendar, CatalogProperties line, Environment environment) {
            return new AssistantSyncCommand(sync, vapi, app, webhook, calendar, line, new ObjectMapper(),
                    BusinessesConfiguration.read(environment));
        }
    }
}
