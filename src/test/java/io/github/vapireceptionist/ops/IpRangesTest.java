package io.github.vapireceptionist.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CIDR lists for TRUSTED_PROXIES and WEBHOOK_ALLOWED_IPS, and the regular expression Tomcat's valve gets for them. */
class IpRangesTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "'10.0.0.0/8', 10.255.3.4, true",
            "'10.0.0.0/8', 11.0.0.1, false",
            "'172.16.0.0/12', 172.31.255.255, true",
            "'172.16.0.0/12', 172.32.0.0, false",
            "'203.0.113.7', 203.0.113.7, true",
            "'203.0.113.7', 203.0.113.8, false",
            "'192.168.1.77/24', 192.168.1.1, true",
            "'0.0.0.0/0', 8.8.8.8, true",
            "'10.0.0.0/8, 192.168.0.0/16', 192.168.9.9, true",
            "'2001:db8::/32', 2001:db8:ffff::1, true",
            "'2001:db8::/32', 2001:db9::1, false",
            "'::1', 0:0:0:0:0:0:0:1, true",
            "'10.0.0.0/8', not-an-address, false",
            "'10.0.0.0/8', '', false",
            "'', 10.0.0.1, false"})
    void containsExactlyTheAddressesInTheRanges(String ranges, String address, boolean expected) {
        assertThat(IpRanges.parse(ranges).contains(address)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"10.0.0.0/8", "172.16.0.0/12", "192.168.4.0/22", "203.0.113.128/25", "100.64.0.0/10", "198.51.100.9/32",
            "0.0.0.0/0", "10.1.2.3/31"})
    void theRegexMatchesTheSameIpv4AddressesAsTheRanges(String cidr) {
        IpRanges ranges = IpRanges.parse(cidr);
        Pattern regex = Pattern.compile(ranges.regex());
        Random random = new Random(cidr.hashCode());
        byte[] base = IpRanges.literal(cidr.substring(0, cidr.indexOf('/'))).getAddress();

        for (int i = 0; i < 20_000; i++) {
            String address = i % 2 == 0 ? randomAddress(random) : near(base, random);
            assertThat(regex.matcher(address).matches()).as(address).isEqualTo(ranges.contains(address));
        }
    }

    @Test
    void theRegexMatchesIpv6InTheFormTomcatReports() {
        Pattern regex = Pattern.compile(IpRanges.parse("2001:db8:a::/48, ::1").regex());

        assertThat(regex.matcher("2001:db8:a:0:0:0:0:5").matches()).isTrue();
        assertThat(regex.matcher("2001:DB8:A:ffff:1:2:3:4").matches()).isTrue();
        assertThat(regex.matcher("0:0:0:0:0:0:0:1").matches()).isTrue();
        assertThat(regex.matcher("2001:db8:b:0:0:0:0:5").matches()).isFalse();
        assertThat(regex.matcher("10.0.0.1").matches()).isFalse();
    }

    @ParameterizedTest(name = "<{0}>")
    @ValueSource(strings = {"localhost", "example.com", "10.0.0.0/33", "10.0.0/8", "10.0.0.0/x", "2001:db8::/33", "10.0.0.0/8/8",
            "256.0.0.1", "*"})
    void anythingButACidrIsRefusedAtStartupAndNoNameIsResolved(String entry) {
        assertThatThrownBy(() -> IpRanges.parse("10.0.0.0/8, " + entry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry);
    }

    private static String randomAddress(Random random) {
        return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    /** An address sharing the range's first bytes, so that the boundaries are exercised. */
    private static String near(byte[] base, Random random) {
        int keep = random.nextInt(4);
        StringBuilder address = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int octet = i < keep ? base[i] & 0xFF : (i == keep ? ((base[i] & 0xFF) + random.nextInt(64) - 32) & 0xFF : random.nextInt(256));
            address.append(i == 0 ? "" : ".").append(octet);
        }
        return address.toString();
    }
}
