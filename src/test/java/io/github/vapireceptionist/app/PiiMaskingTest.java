package io.github.vapireceptionist.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** What may reach a log line: no caller's email or phone number, but every date, time and id intact. */
class PiiMaskingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            john.smith@example.com                         | j***@example.com
            a@b.co                                         | a***@b.co
            Jane_Doe+bookings@mail.example.co.uk           | J***@mail.example.co.uk
            'Confirmation sent to john@example.com.'       | 'Confirmation sent to j***@example.com.'
            'emails: ann@x.org, bob@y.org'                 | 'emails: a***@x.org, b***@y.org'
            '{"email":"zoë@exämple.de"}'                   | '{"email":"z***@exämple.de"}'
            """)
    void keepsOnlyTheFirstLetterAndDomainOfAnEmail(String text, String masked) {
        assertThat(PiiMasking.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            +447123456789                                  | ***789
            +18883658681                                   | ***681
            07123 456 789                                  | ***789
            0712-345-6789                                  | ***789
            +44 (0)20 7946 0958                            | ***958
            020 7946 0958                                  | ***958
            'Caller +447123456789 asked for Monday'        | 'Caller ***789 asked for Monday'
            '{"number":"+447123456789","name":"Jo"}'       | '{"number":"***789","name":"Jo"}'
            'from 07123 456 789 and +18883658681'          | 'from ***789 and ***681'
            """)
    void keepsOnlyTheLastThreeDigitsOfAPhoneNumber(String text, String masked) {
        assertThat(PiiMasking.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "2026-11-30",
        "30/11/2026",
        "10:00",
        "09:00, 09:30, 10:00 and 10:30",
        "2026-11-30T10:00:00Z",
        "2026-11-30T10:00:00+01:00",
        "2026-11-30T10:00:00.123Z",
        "date=2026-11-30&providerId=2&serviceId=1",
        "appointment 4821 created",
        "{\"id\":123456,\"providerId\":2}",
        "call_mLTzMbOV",
        "toolCallId=call_2",
        "HTTP 500 after 2500 ms",
        "Monday 30 November",
    })
    void leavesDatesTimesAndIdsAlone(String text) {
        assertThat(PiiMasking.mask(text)).isEqualTo(text);
    }

    /** Vapi's call id is a UUID; one whose first groups are all digits used to be logged as {@code ***185-46ec-...}. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "41852303-9185-46ec-aec7-1b2c3d4e5f60",
        "41852303-9185-46EC-AEC7-1B2C3D4E5F60",
        "41852a3c-9f1e-46ec-aec7-1b2c3d4e5f60",
        "Transfer to a person asked for on call 41852303-9185-46ec-aec7-1b2c3d4e5f60 (reason: none given)",
        "{\"callId\":\"12345678-1234-1234-1234-123456789012\"}",
        "call=41852303-9185-46ec-aec7-1b2c3d4e5f60&tool=tc-1",
        "(41852303-9185-46ec-aec7-1b2c3d4e5f60)",
    })
    void aUuidSuchAsTheVapiCallIdIsLoggedUnmasked(String text) {
        assertThat(PiiMasking.mask(text)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            'Caller +447123456789 on call 41852303-9185-46ec-aec7-1b2c3d4e5f60'     | 'Caller ***789 on call 41852303-9185-46ec-aec7-1b2c3d4e5f60'
            '07123 456 789 41852303-9185-46ec-aec7-1b2c3d4e5f60'                    | '***789 41852303-9185-46ec-aec7-1b2c3d4e5f60'
            '41852303-9185-46ec-aec7-1b2c3d4e5f60 To=%2B447123456789'              | '41852303-9185-46ec-aec7-1b2c3d4e5f60 To=***789'
            '41852303-9185-46ec-aec7-1b2c3d4e5f6 +447123456789'                     | '***185-46ec-aec7-1b2c3d4e5f6 ***789'
            '020.7946.0958 and (020) 7946-0958'                                     | '***958 and (***958'
            """)
    void phoneNumbersBesideAUuidStayMasked(String text, String masked) {
        assertThat(PiiMasking.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "2026-11-30 10:00",
        "Booked for 2026-11-30 10:00:00",
        "{\"start\":\"2026-11-30 10:00:00\",\"end\":\"2026-11-30 10:30:00\"}"
    })
    void leavesDateTimesWithASpaceAlone(String text) {
        assertThat(PiiMasking.mask(text)).isEqualTo(text);
    }

    @Test
    void masksPiiInsideACalendarErrorMessage() {
        String masked = PiiMasking.mask(
                "Customer jane.doe@example.com (+447700900123) already has an appointment on 2026-11-30T10:00:00Z");

        assertThat(masked).isEqualTo(
                "Customer j***@example.com (***123) already has an appointment on 2026-11-30T10:00:00Z");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyAreReturnedAsGiven(String text) {
        assertThat(PiiMasking.mask(text)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(value = {
        "+447123456789, ***789",
        "07123 456 789, ***789",
        "123, ***",
        "12, ***",
        "'', ***",
        "NULL, NULL"
    }, nullValues = "NULL")
    void masksAPhoneNumberField(String phone, String masked) {
        assertThat(PiiMasking.maskPhone(phone)).isEqualTo(masked);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            'GET /customers?q=ada%40example.com&sort=id'          | 'GET /customers?q=a***%40example.com&sort=id'
            'To=%2B447123456789&From=%2B15005550006'              | 'To=***789&From=***006'
            'Authorization: Bearer ea-5f2b8c1e9d'                 | 'Authorization: Bearer ***'
            'authorization: Basic c2FuZGJveDpzYW5kYm94'           | 'authorization: Basic ***'
            '{"caldavPassword":"hunter2","googleToken":"ya29.x"}' | '{"caldavPassword":"***","googleToken":"***"}'
            'x-vapi-secret: abc123, api_key=k-1'                  | 'x-vapi-secret: ***, api_key=***'
            'WEBHOOK_SECRET=abcdef'                               | 'WEBHOOK_SECRET=***'
            'called with Basic auth: it hashes'                   | 'called with Basic auth: it hashes'
            'WEBHOOK_SECRET is shorter than 32 bytes'             | 'WEBHOOK_SECRET is shorter than 32 bytes'
            """)
    void masksUrlEncodedDataAndCredentials(String text, String masked) {
        assertThat(PiiMasking.mask(text)).isEqualTo(masked);
    }

    @Test
    void aConfiguredSecretIsMaskedWhereverItAppears() {
        PiiMasking.hideSecret("s3cr3t-value-0x51");
        PiiMasking.hideSecret("short");

        assertThat(PiiMasking.mask("failed with s3cr3t-value-0x51 in the URL")).isEqualTo("failed with *** in the URL");
        assertThat(PiiMasking.mask("a short word")).isEqualTo("a short word");
    }

    /**
     * mask skips a pattern where a quick scan says it cannot match; on texts made of the pieces the
     * patterns look for (digits and phone punctuation, pluses plain and URL-encoded, at signs, secret
     * names, letters before and after), it must give exactly what running every pattern gives.
     */
    @Test
    void theQuickScansNeverSkipWhatAPatternWouldMask() {
        String[] pieces = {"0", "1", "7", "44", "123", "4567", " ", "-", "(", ")", ".", "+", "%2B", "%2b", "@", "%40",
            "a", "Z", "é", "x.org", "example.com", "_", "=", ":", "\"", ",", "&", "bearer ", "Basic ", "TOKEN",
            "password", "api_key", "Signature", "2026-11-30", "019aa9bb-7c51", "call_2",
            "41852303-9185-46ec-aec7-1b2c3d4e5f60", "12345678-1234-1234-1234-123456789012", "ABCDEF01-2345-6789-ABCD-EF0123456789",
            "41852a3c-9f1e-46ec-aec7-1b2c3d4e5f60", "9185-46ec", "-aec7-"};
        java.util.Random random = new java.util.Random(20261125L);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(24); n >= 0; n--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            assertThat(PiiMasking.mask(text.toString())).as(text.toString()).isEqualTo(PiiMasking.maskFully(text.toString()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tool_call function=check_availability outcome=success duration_ms=17",
        "019aa9bb-7c51-7cc2-b0f3-529990122240", "0BCEDA9D572D0D8-0000000000024031", "call_availability",
        "call 41852303-9185-46ec-aec7-1b2c3d4e5f60 ended", "12345678-1234-1234-1234-123456789012"})
    void aLineWithNothingToHideIsReturnedAsItIs(String text) {
        assertThat(PiiMasking.mask(text)).isSameAs(text);
    }
}
