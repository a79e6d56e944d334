package io.github.vapireceptionist.ops;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A list of address ranges in CIDR notation ({@code 10.0.0.0/8, 203.0.113.7, 2001:db8:0:0::/64}), as
 * operators write them for TRUSTED_PROXIES and WEBHOOK_ALLOWED_IPS. Only IP literals are ever
 * looked at: nothing here resolves a host name.
 */
public final class IpRanges {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

    private final List<Cidr> ranges;

    private IpRanges(List<Cidr> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Comma-separated CIDRs; blank means none. Throws with the offending entry on anything else. */
    public static IpRanges parse(String commaSeparated) {
        List<Cidr> ranges = new ArrayList<>();
        if (commaSeparated != null) {
            for (String entry : commaSeparated.split(",")) {
                if (!entry.isBlank()) {
                    ranges.add(Cidr.parse(entry.strip()));
                }
            }
        }
        return new IpRanges(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether the address (an IP literal such as getRemoteAddr() gives) is in any range. */
    public boolean contains(String address) {
        InetAddress parsed = literal(address);
        return parsed != null && ranges.stream().anyMatch(range -> range.contains(parsed));
    }

    /**
     * The same ranges as a regular expression over the address text, which is what Tomcat's
     * RemoteIpValve takes for its internal proxies. IPv4 addresses match in dotted decimal; IPv6
     * ranges (whole 16-bit groups only) match the uncompressed form Tomcat reports for a peer.
     */
    public String regex() {
        return ranges.stream().map(Cidr::regex).collect(Collectors.joining("|"));
    }

    @Override
    public String toString() {
        return ranges.stream().map(Cidr::toString).collect(Collectors.joining(", "));
    }

    /** The address, or null when the text is not an IP literal (so no DNS lookup can ever happen). */
    static InetAddress literal(String address) {
        if (address == null || !(ipv4(address) || IPV6.matcher(address).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Four decimal octets up to 255: Java would look up anything else that starts with a digit as a name. */
    private static boolean ipv4(String address) {
        if (!IPV4.matcher(address).matches()) {
            return false;
        }
        for (String octet : address.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private record Cidr(byte[] network, int prefix) {

        static Cidr parse(String entry) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress parsed = literal(address);
            if (parsed == null) {
                throw new IllegalArgumentException("not an IP address range: '" + entry + "' (expected e.g. 10.0.0.0/8)");
            }
            int bits = parsed.getAddress().length * 8;
            int prefix = slash < 0 ? bits : prefixLength(entry, entry.substring(slash + 1), bits);
            if (bits == 128 && prefix % 16 != 0) {
                throw new IllegalArgumentException("IPv6 ranges must end on a 16-bit group (/16, /32, /48, /64 ...): '" + entry + "'");
            }
            return new Cidr(masked(parsed.getAddress(), prefix), prefix);
        }

        private static int prefixLength(String entry, String text, int bits) {
            try {
                int prefix = Integer.parseInt(text);
                if (prefix >= 0 && prefix <= bits) {
                    return prefix;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("bad prefix length in '" + entry + "' (0 to " + bits + ")");
        }

        private static byte[] masked(byte[] address, int prefix) {
            byte[] network = address.clone();
            for (int i = 0; i < network.length; i++) {
                int keep = Math.max(0, Math.min(8, prefix - i * 8));
                network[i] &= (byte) (0xFF << (8 - keep));
            }
            return network;
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            return candidate.length == network.length && Arrays.equals(masked(candidate, prefix), network);
        }

        String regex() {
            return network.length == 4 ? ipv4Regex() : ipv6Regex();
        }

        private String ipv4Regex() {
            return IntStream.range(0, 4).mapToObj(i -> {
                int fixedBits = Math.max(0, Math.min(8, prefix - i * 8));
                int low = network[i] & 0xFF;
                int high = low + (1 << (8 - fixedBits)) - 1;
                if (fixedBits == 0) {
                    return "\\d{1,3}";
                }
                return low == high ? Integer.toString(low)
                        : IntStream.rangeClosed(low, high).mapToObj(Integer::toString).collect(Collectors.joining("|", "(?:", ")"));
            }).collect(Collectors.joining("\\.", "(?:", ")"));
        }

        private String ipv6Regex() {
            return IntStream.range(0, 8).mapToObj(i -> {
                if (i * 16 >= prefix) {
                    return "[0-9a-fA-F]{1,4}";
                }
                int group = ((network[2 * i] & 0xFF) << 8) | (network[2 * i + 1] & 0xFF);
                String hex = Integer.toHexString(group);
                return "0{0," + (4 - hex.length()) + "}(?i:" + hex + ")";
            }).collect(Collectors.joining(":", "(?:", ")"));
        }

        @Override
        public String toString() {
            try {
                return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
