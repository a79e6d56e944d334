package io.github.vapireceptionist.business;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** BUSINESSES_FILE read strictly: a usable file gives its businesses, any problem is refused with its line. */
class BusinessesFileTest {

    static final Map<String, String> ENVIRONMENT = Map.of(
            "NORTH_WEBHOOK_SECRET", "north-secret-0123456789-0123456789-abcd",
            "NORTH_EA_TOKEN", "north-token-0123456789",
            "SOUTH_WEBHOOK_HMAC_SECRET", "south-hmac-0123456789-0123456789-abcdef",
            "NORTH_TWILIO_TOKEN", "twilio-token-0123456789",
            "EMPTY", "");

    /** The issue's example, with every key the file knows. */
    static final String NORTH = """
            businesses:
              - id: north
                name: North Street Dental
                timezone: Europe/London
                default-phone-region: GB
                phone: "+44 20 7946 0000"
                vapi:
                  phone-number-ids: [pn-north-1, pn-north-2]
                  assistant-ids: []
                  assistant-id: asst-north
                webhook:
                  secret: ${NORTH_WEBHOOK_SECRET}
                easyappointments:
                  base-url: https://booking.north.example
                  api-token: ${NORTH_EA_TOKEN}
                services: {default: 7, only: [1, 7]}
                providers: {default: 32, only: [2, 32]}
                twilio:
                  account-sid: AC0123
                  auth-token: ${NORTH_TWILIO_TOKEN}
                  sms-from: "+441632960000"
                  channels: [sms, email]
                email:
                  from: North Street Dental <bookings@north.example>
                transfer:
                  phone-number: "+441632960001"
            """;

    static final String SOUTH = """
              - id: south
                name: South Side Physio
                timezone: Europe/Dublin
                vapi:
                  assistant-ids: [asst-south]
                webhook:
                  hmac-secret: ${SOUTH_WEBHOOK_HMAC_SECRET}
            """;

    static List<Business> parse(String yaml) {
        return BusinessesFile.parse("businesses.yaml", new StringReader(yaml), ENVIRONMENT::get);
    }

    static List<String> problems(String yaml) {
        return catchThrowableOfType(InvalidBusinessesFileException.class, () -> parse(yaml)).problems();
    }

    @Test
    void readsEveryBusinessWithItsSettingsAndCredentialsFromTheEnvironment() {
        List<Business> businesses = parse(NORTH + SOUTH);

        assertThat(businesses).extracting(Business::id).containsExactly("north", "south");
        Business north = businesses.get(0);
        assertThat(north.name()).isEqualTo("North Street Dental");
        assertThat(north.timezone()).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(north.vapi().phoneNumberIds()).containsExactly("pn-north-1", "pn-north-2");
        assertThat(north.vapi().assistantId()).isEqualTo("asst-north");
        assertThat(north.webhook().secret().value()).isEqualTo(ENVIRONMENT.get("NORTH_WEBHOOK_SECRET"));
        assertThat(north.webhook().hmacSecret()).isNull();
        assertThat(north.calendar().baseUrl()).isEqualTo("https://booking.north.example");
        assertThat(north.calendar().apiToken().variable()).isEqualTo("NORTH_EA_TOKEN");
        assertThat(north.calendar().serviceId()).isEqualTo(7);
        assertThat(north.calendar().providerIds()).containsExactly(2, 32);
        assertThat(north.confirmations().channels()).containsExactly("sms", "email");
        assertThat(north.confirmations().emailFrom()).isEqualTo("North Street Dental <bookings@north.example>");
        assertThat(north.transferNumber()).isEqualTo("+441632960001");

        Business south = businesses.get(1);
        assertThat(south.defaultPhoneRegion()).isEqualTo("GB");
        assertThat(south.calendar().baseUrl()).as("no calendar URL: the sandbox").isNull();
        assertThat(south.calendar().serviceId()).isEqualTo(1);
        assertThat(south.vapi().assistantIds()).containsExactly("asst-south");
        assertThat(south.webhook().hmacSecret().value()).isEqualTo(ENVIRONMENT.get("SOUTH_WEBHOOK_HMAC_SECRET"));
    }

    @Test
    void aCredentialPrintsTheNameOfItsVariableNeverItsValue() {
        Business north = parse(NORTH).get(0);

        assertThat(north.toString()).contains("${NORTH_WEBHOOK_SECRET}")
                .doesNotContain(ENVIRONMENT.get("NORTH_WEBHOOK_SECRET"), ENVIRONMENT.get("NORTH_EA_TOKEN"));
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("an unknown key", NORTH.replace("    email:", "    emial:"),
                        "line 23: unknown key \"emial\""),
                Arguments.of("an unknown key in a section", NORTH.replace("      secret: ${", "      secrte: ${"),
                        "line 12: unknown key \"webhook.secrte\""),
                Arguments.of("a key given twice", NORTH.replace("    phone: ", "    name: Again\n    phone: "),
                        "line 6: key \"name\" is given twice (first at line 3)"),
                Arguments.of("a credential whose variable is not set", NORTH.replace("${NORTH_EA_TOKEN}", "${NORTH_EA_TOKN}"),
                        "line 15: easyappointments.api-token names ${NORTH_EA_TOKN}, which is not set in the environment"),
                Arguments.of("a credential whose variable is empty", NORTH.replace("${NORTH_WEBHOOK_SECRET}", "${EMPTY}"),
                        "line 12: webhook.secret names ${EMPTY}, which is not set in the environment"),
                Arguments.of("a secret written inline", NORTH.replace("${NORTH_WEBHOOK_SECRET}", "hunter2-but-longer-0123456789"),
                        "line 12: webhook.secret must name an environment variable, like ${WEBHOOK_SECRET}, never hold the secret"),
                Arguments.of("a Twilio token written inline", NORTH.replace("${NORTH_TWILIO_TOKEN}", "abc"),
                        "line 20: twilio.auth-token must name an environment variable"),
                Arguments.of("no webhook credential", NORTH.replace("    webhook:\n      secret: ${NORTH_WEBHOOK_SECRET}\n", ""),
                        "line 2: webhook needs secret or hmac-secret"),
                Arguments.of("an id with capitals", NORTH.replace("id: north", "id: North_1"),
                        "line 2: id \"North_1\" must be lower-case letters, digits and dashes"),
                Arguments.of("the id of the environment's one business", NORTH.replace("id: north", "id: default"),
                        "line 2: id \"default\" is the name of the environment variables' one business"),
                Arguments.of("no id", NORTH.replace("  - id: north\n    name:", "  - name:"),
                        "line 2: id is missing"),
                Arguments.of("two businesses with one id", NORTH + SOUTH.replace("id: south", "id: north"),
                        "line 27: id \"north\" is already the id of the business at line 2"),
                Arguments.of("two businesses claiming one phone number id", NORTH + SOUTH.replace("assistant-ids: [asst-south]",
                        "phone-number-ids: [pn-north-2]"), "line 31: phone number id \"pn-north-2\" is already claimed at line 8"),
                Arguments.of("two businesses claiming one assistant id", NORTH.replace("assistant-ids: []", "assistant-ids: [asst-south]")
                        + SOUTH, "line 31: assistant id \"asst-south\" is already claimed at line 9"),
                Arguments.of("a time zone that is none", NORTH.replace("Europe/London", "Mars/Olympus"),
                        "line 4: timezone \"Mars/Olympus\" is not a time zone"),
                Arguments.of("a calendar without credentials", NORTH.replace("      api-token: ${NORTH_EA_TOKEN}\n", ""),
                        "line 14: a calendar at base-url needs api-token"),
                Arguments.of("a calendar id that is no number", NORTH.replace("only: [1, 7]", "only: [1, seven]"),
                        "line 16: services.only must be a calendar id"),
                Arguments.of("an unknown channel", NORTH.replace("[sms, email]", "[sms, pigeon]"),
                        "line 22: channel \"pigeon\" is none of sms, whatsapp, email"),
                Arguments.of("a reference inside a value", NORTH.replace("name: North Street Dental", "name: North ${TOWN}"),
                        "line 3: name may be a ${VARIABLE} reference only as its whole value"),
                Arguments.of("a transfer number that is not E.164", NORTH.replace("\"+441632960001\"", "01632 960001"),
                        "line 26: transfer.phone-number \"01632 960001\" must be an E.164 number"),
                Arguments.of("no businesses", "businesses: []\n", "line 1: businesses must list at least one business"),
                Arguments.of("not YAML", NORTH.replace("    timezone: Europe/London", "    timezone: [Europe/London"),
                        "line 5: not valid YAML"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesTheFileNamingTheLine(String what, String yaml, String problem) {
        assertThat(problems(yaml)).anySatisfy(found -> assertThat(found).startsWith(problem));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = NORTH.replace("id: north", "id: North").replace("${NORTH_EA_TOKEN}", "inline-token").replace("    email:", "    emial:");

        assertThat(problems(yaml)).hasSize(3);
    }
}
