package io.github.vapireceptionist.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which control URLs may be called: the SSRF guard of transfer_to_agent, with DNS answered by a table. */
class ControlUrlPolicyTest {

    private static final String VAPI = "https://phone-call-websocket.aws-us-west-2-backend-production3.vapi.ai";
    private static final String CONTROL = "/019aa9bb-1b2c-7d3e-8f40-123456789abc/control";

    /** What DNS answers in these tests; any other name does not resolve. */
    private static final Map<String, List<String>> DNS = Map.ofEntries(
            Map.entry("phone-call-websocket.aws-us-west-2-backend-production3.vapi.ai", List.of("44.230.12.34")),
            Map.entry("api.vapi.ai", List.of("104.18.10.10", "2606:4700::6812:a0a")),
            Map.entry("a.b.vapi.ai", List.of("104.18.10.11")),
            Map.entry("xn--pi-7kc.vapi.ai", List.of("104.18.10.12")),
            Map.entry("internal.vapi.ai", List.of("10.1.2.3")),
            Map.entry("home.vapi.ai", List.of("192.168.1.20")),
            Map.entry("docker.vapi.ai", List.of("172.17.0.1")),
            Map.entry("loopback.vapi.ai", List.of("127.0.0.1")),
            Map.entry("metadata.vapi.ai", List.of("169.254.169.254")),
            Map.entry("mixed.vapi.ai", List.of("104.18.10.13", "10.0.0.7")),
            Map.entry("cgnat.vapi.ai", List.of("100.64.0.1")),
            Map.entry("zero.vapi.ai", List.of("0.0.0.0")),
            Map.entry("multicast.vapi.ai", List.of("239.1.2.3")),
            Map.entry("v6loopback.vapi.ai", List.of("::1")),
            Map.entry("v6unique.vapi.ai", List.of("fd00:ec2::254")),
            Map.entry("v6linklocal.vapi.ai", List.of("fe80::1")),
            Map.entry("v6mapped.vapi.ai", List.of("::ffff:10.0.0.1")),
            Map.entry("nat64.vapi.ai", List.of("64:ff9b::a9fe:a9fe")),
            Map.entry("vapi-stub.internal.example", List.of("10.9.8.7")));

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        List<String> addresses = DNS.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] resolved = new InetAddress[addresses.size()];
        for (int i = 0; i < resolved.length; i++) {
            resolved[i] = InetAddress.getByName(addresses.get(i)); // literals only: no lookup
        }
        return resolved;
    }

    private static final ControlUrlPolicy DEFAULT = new ControlUrlPolicy(List.of("*.vapi.ai"), false, ControlUrlPolicyTest::resolve);

    static Stream<Arguments> accepted() {
        return Stream.of(
                arguments(VAPI + CONTROL, VAPI + CONTROL),
                arguments("https://api.vapi.ai/x", "https://api.vapi.ai/x"),
                arguments("https://API.VAPI.AI/x", "https://api.vapi.ai/x"),
                arguments("HTTPS://Api.Vapi.Ai/x", "https://api.vapi.ai/x"),
                arguments("https://api.vapi.ai./x", "https://api.vapi.ai/x"),
                arguments("https://api.vapi.ai:443/x", "https://api.vapi.ai:443/x"),
                arguments("https://a.b.vapi.ai/x/control", "https://a.b.vapi.ai/x/control"),
                arguments("https://api.vapi.ai/x?token=a%20b", "https://api.vapi.ai/x?token=a%20b"),
                arguments("https://api.vapi.ai", "https://api.vapi.ai"),
                arguments("https://xn--pi-7kc.vapi.ai/x", "https://xn--pi-7kc.vapi.ai/x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void acceptsVapisControlUrls(String url, String target) {
        ControlUrlPolicy.Decision decision = DEFAULT.check(url);

        assertThat(decision.refusal()).isNull();
        assertThat(decision.allowed()).isTrue();
        assertThat(decision.target()).hasToString(target);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("plain http", "http://api.vapi.ai/x"),
                arguments("ftp", "ftp://api.vapi.ai/x"),
                arguments("websocket", "wss://api.vapi.ai/x"),
                arguments("file", "file:///etc/passwd"),
                arguments("javascript", "javascript:alert(1)"),
                arguments("opaque https", "https:api.vapi.ai/x"),
                arguments("relative", "/019aa9bb/control"),
                arguments("scheme-relative", "//api.vapi.ai/x"),
                arguments("no host", "https:///x"),
                arguments("the apex itself", "https://vapi.ai/x"),
                arguments("allowlisted name as a prefix", "https://vapi.ai.evil.example/"),
                arguments("allowlisted name as a subdomain prefix", "https://api.vapi.ai.evil.example/x"),
                arguments("suffix without a dot", "https://evilvapi.ai/"),
                arguments("user info before the host", "https://api.vapi.ai@evil.example/x"),
                arguments("user info on an allowed host", "https://user:pass@api.vapi.ai/x"),
                arguments("backslash before @", "https://evil.example\\@api.vapi.ai"),
                arguments("fragment hiding @", "https://evil.example#@api.vapi.ai"),
                arguments("fragment on an allowed host", "https://api.vapi.ai/x#frag"),
                arguments("percent-encoded dot in host", "https://api.vapi.ai%2eevil.example/"),
                arguments("encoded NUL in host", "https://api.vapi.ai%00.evil.example/"),
                arguments("IPv4 loopback", "https://127.0.0.1/"),
                arguments("IPv6 loopback", "https://[::1]/"),
                arguments("IPv4-mapped IPv6", "https://[::ffff:127.0.0.1]/"),
                arguments("private 10/8", "https://10.0.0.1/"),
                arguments("private 192.168/16", "https://192.168.0.1/"),
                arguments("cloud metadata", "https://169.254.169.254/latest/meta-data/"),
                arguments("decimal IPv4", "https://2130706433/"),
                arguments("hex IPv4", "https://0x7f000001/"),
                arguments("hex dotted IPv4", "https://0x7f.1/"),
                arguments("octal IPv4", "https://0177.0.0.1/"),
                arguments("short IPv4", "https://127.1/"),
                arguments("public IPv4", "https://104.18.10.10/"),
                arguments("localhost", "https://localhost/"),
                arguments("localhost with a trailing dot", "https://localhost./"),
                arguments("other port", "https://api.vapi.ai:22/"),
                arguments("alternative https port", "https://api.vapi.ai:8443/x"),
                arguments("port zero", "https://api.vapi.ai:0/x"),
                arguments("Cyrillic lookalike", "https://api.vаpi.ai/x"),
                arguments("fullwidth dot", "https://api.vapi\uff0eai/x"),
                arguments("punycode lookalike apex", "https://api.xn--vpi-5cd.ai/x"),
                arguments("leading space", " https://api.vapi.ai/x"),
                arguments("trailing newline", "https://api.vapi.ai/x\n"),
                arguments("tab in host", "https://api.vapi.ai\t.evil.example/"),
                arguments("CRLF injection", "https://api.vapi.ai/x\r\nHost: evil.example"),
                arguments("NUL byte", "https://api.vapi.ai\u0000.evil.example/"),
                arguments("property placeholder", "https://api.vapi.ai/{{webhook.secret}}"),
                arguments("empty label", "https://api..vapi.ai/x"),
                arguments("two trailing dots", "https://api.vapi.ai../x"),
                arguments("underscore host", "https://a_b.vapi.ai/x"),
                arguments("5000 characters", "https://api.vapi.ai/" + "a".repeat(4_980)),
                arguments("resolves to 10/8", "https://internal.vapi.ai/x"),
                arguments("resolves to 192.168/16", "https://home.vapi.ai/x"),
                arguments("resolves to 172.16/12", "https://docker.vapi.ai/x"),
                arguments("resolves to loopback", "https://loopback.vapi.ai/x"),
                arguments("resolves to cloud metadata", "https://metadata.vapi.ai/x"),
                arguments("one private address among public ones", "https://mixed.vapi.ai/x"),
                arguments("resolves to carrier-grade NAT", "https://cgnat.vapi.ai/x"),
                arguments("resolves to 0.0.0.0", "https://zero.vapi.ai/x"),
                arguments("resolves to multicast", "https://multicast.vapi.ai/x"),
                arguments("resolves to ::1", "https://v6loopback.vapi.ai/x"),
                arguments("resolves to IPv6 unique local", "https://v6unique.vapi.ai/x"),
                arguments("resolves to IPv6 link-local", "https://v6linklocal.vapi.ai/x"),
                arguments("resolves to IPv4-mapped private", "https://v6mapped.vapi.ai/x"),
                arguments("resolves to NAT64 of metadata", "https://nat64.vapi.ai/x"),
                arguments("does not resolve", "https://nowhere.vapi.ai/x"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void refusesEverythingElse(String what, String url) {
        ControlUrlPolicy.Decision decision = DEFAULT.check(url);

        assertThat(decision.allowed()).as(what).isFalse();
        assertThat(decision.target()).isNull();
        assertThat(decision.refusal()).isNotBlank().doesNotContain("\n", "\r", "\t");
    }

    @ParameterizedTest
    @NullAndEmptySource
    void refusesAMissingControlUrl(String url) {
        assertThat(DEFAULT.check(url).refusal()).isEqualTo("the request carries no controlUrl");
    }

    @Test
    void theRefusalNamesTheHostButNeverThePath() {
        String refusal = DEFAULT.check("https://evil.example/secret-token-123/control").refusal();

        assertThat(refusal).contains("evil.example").doesNotContain("secret-token-123");
    }

    @Test
    void aPortIsAllowedOnlyWhenItsEntryNamesIt() {
        ControlUrlPolicy policy = new ControlUrlPolicy(List.of("*.vapi.ai", "api.vapi.ai:8443", " 127.0.0.1:8089 "), true,
                ControlUrlPolicyTest::resolve);

        assertThat(policy.check("https://api.vapi.ai:8443/x").allowed()).isTrue();
        assertThat(policy.check("https://api.vapi.ai/x").allowed()).isTrue();
        assertThat(policy.check("https://other.vapi.ai:8443/x").allowed()).as("the port belongs to one host").isFalse();
        assertThat(policy.check("http://127.0.0.1:8089/call/control").target()).hasToString("http://127.0.0.1:8089/call/control");
        assertThat(policy.check("http://127.0.0.1:8090/call/control").allowed()).isFalse();
        assertThat(policy.check("http://127.0.0.1/call/control").allowed()).as("no default port with a ported entry").isFalse();
        assertThat(policy.check("http://localhost:8089/call/control").allowed()).isFalse();
        assertThat(policy.check("http://2130706433:8089/call/control").allowed()).isFalse();
        assertThat(policy.check("http://127.0.0.01:8089/call/control").allowed()).isFalse();
        assertThat(policy.check("http://api.vapi.ai/x").allowed()).as("http never through a wildcard").isFalse();
        assertThat(policy.check("http://api.vapi.ai:8443/x").allowed()).as("http to a host:port listed exactly").isTrue();
    }

    @Test
    void httpOnlyWhenAllowed() {
        ControlUrlPolicy strict = new ControlUrlPolicy(List.of("127.0.0.1:8089"), false, ControlUrlPolicyTest::resolve);

        assertThat(strict.check("http://127.0.0.1:8089/x").allowed()).isFalse();
        assertThat(strict.check("https://127.0.0.1:8089/x").allowed()).isTrue();
    }

    @Test
    void aHostListedExactlyIsTrustedWhereverItResolves() {
        ControlUrlPolicy policy = new ControlUrlPolicy(List.of("vapi-stub.internal.example", "[::1]:9000"), false,
                ControlUrlPolicyTest::resolve);

        assertThat(policy.check("https://vapi-stub.internal.example/x").allowed()).isTrue();
        assertThat(policy.check("https://other.internal.example/x").allowed()).isFalse();
        assertThat(policy.check("https://[::1]:9000/x").target()).hasToString("https://[::1]:9000/x");
        assertThat(policy.check("https://[0:0:0:0:0:0:0:1]:9000/x").allowed()).as("only the exact literal").isFalse();
    }

    @Test
    void anExactEntryWinsOverAWildcardForTheSameHost() {
        ControlUrlPolicy policy = new ControlUrlPolicy(List.of("*.vapi.ai", "internal.vapi.ai"), false, ControlUrlPolicyTest::resolve);

        assertThat(policy.check("https://internal.vapi.ai/x").allowed()).isTrue();
        assertThat(policy.check("https://home.vapi.ai/x").allowed()).isFalse();
    }

    @Test
    void connectionsResolveOnlyWhatThePolicyAllows() throws Exception {
        ControlUrlPolicy policy = new ControlUrlPolicy(List.of("*.vapi.ai", "127.0.0.1:8089"), true, ControlUrlPolicyTest::resolve);

        assertThat(Arrays.stream(policy.addressesFor("API.vapi.ai.")).map(InetAddress::getHostAddress))
                .contains("104.18.10.10");
        assertThat(policy.addressesFor("127.0.0.1")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        for (String host : List.of("localhost", "evil.example", "10.0.0.1", "::1", "[::1]", "internal.vapi.ai", "2130706433", "vapi.ai")) {
            assertThatThrownBy(() -> policy.addressesFor(host)).as(host).isInstanceOf(UnknownHostException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*.ai", "*.", "https://api.vapi.ai", "api.vapi.ai/x", "api.vapi.ai:0", "api.vapi.ai:70000",
        "api.vapi.ai:x", "127.1", "2130706433", "::1", "*.127.0.0.1", "evil.example@api.vapi.ai", "a..b", "*.*.vapi.ai"})
    void refusesToStartWithAnAllowlistEntryItCannotRead(String entry) {
        assertThatThrownBy(() -> new ControlUrlPolicy(List.of(entry), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VAPI_CONTROL_ALLOWED_HOSTS");
    }

    @Test
    void emptyEntriesAreIgnoredAndAnEmptyListAllowsNothing() {
        ControlUrlPolicy none = new ControlUrlPolicy(List.of(" ", ""), false, ControlUrlPolicyTest::resolve);

        assertThat(none.allowsNothing()).isTrue();
        assertThat(none.check("https://api.vapi.ai/x").allowed()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"100.63.255.255", "100.128.0.0", "172.15.0.1", "172.32.0.1", "192.169.0.1", "8.8.8.8", "2606:4700::1111"})
    void publicAddressesAreNotMistakenForPrivateOnes(String address) throws Exception {
        assertThat(ControlUrlPolicy.nonPublic(InetAddress.getByName(address))).isFalse();
    }
}
