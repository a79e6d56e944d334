package io.github.vapireceptionist.transfer;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides whether a call's {@code monitor.controlUrl} may be called. The URL arrives in the request
 * body, so without this anyone holding the webhook secret could make the backend POST anywhere
 * (SSRF). Parsed with {@link URI}, never by string prefixes:
 * <ul>
 * <li>https only (http only with VAPI_CONTROL_ALLOW_HTTP, and only to a host listed exactly: for
 *     tests against a local stand-in);
 *     no user info, no fragment, printable ASCII only, at most 2,048 characters;</li>
 * <li>the host must be on the allowlist (VAPI_CONTROL_ALLOWED_HOSTS), compared case-insensitively
 *     with a trailing dot removed: {@code *.vapi.ai} is any subdomain of vapi.ai, not vapi.ai
 *     itself; {@code api.example.com} is that host only;</li>
 * <li>IP addresses in any form (v4, v6, decimal, hex, octal) only when the exact literal is listed
 *     ({@code 127.0.0.1}); no wildcard ever matches one;</li>
 * <li>ports: an entry without a port allows the scheme's default port only; {@code host:port}
 *     allows that one port only (tests list {@code 127.0.0.1:<stand-in port>});</li>
 * <li>a host allowed through a wildcard must resolve to public addresses only (no loopback,
 *     private, link-local, unique-local, multicast, CGNAT or reserved address); a host listed
 *     exactly is trusted as listed.</li>
 * </ul>
 * {@link #addressesFor} applies the host rules again when a connection is opened
 * ({@link VapiControlHttpComponent}), so a DNS answer that changes after the check cannot point a
 * transfer into the private network.
 */
public class ControlUrlPolicy {

    static final int MAX_URL_LENGTH = 2_048;

    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]+");
    private static final String LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
    /** A DNS name whose last label starts with a letter: names ending in a digit are IP literals in disguise. */
    private static final Pattern DNS_NAME = Pattern.compile("(?=.{1,253}$)(?:" + LABEL + "\\.)*[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]{2,45}]");

    /** Name resolution, replaceable in tests; the system resolver otherwise. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** One allowlist entry: a host (or {@code *.domain}) and a port, -1 for the scheme's default. */
    record Entry(String host, boolean wildcard, int port) {

        boolean matches(String candidate) {
            return wildcard ? candidate.endsWith("." + host) : candidate.equals(host);
        }

        boolean allowsPort(int candidate, int defaultPort) {
            return port == -1 ? candidate == defaultPort : candidate == port;
        }
    }

    /** The URL to call, rebuilt from its checked parts, or why it was refused (for the log; never spoken). */
    public record Decision(URI target, String refusal) {

        static Decision allow(URI target) {
            return new Decision(target, null);
        }

        static Decision refuse(String reason) {
            return new Decision(null, reason);
        }

        public boolean allowed() {
            return target != null;
        }
    }

    private final List<Entry> allowlist;
    private final boolean allowHttp;
    private final Resolver resolver;

    public ControlUrlPolicy(List<String> allowedHosts, boolean allowHttp) {
        this(allowedHosts, allowHttp, InetAddress::getAllByName);
    }

    public ControlUrlPolicy(List<String> allowedHosts, boolean allowHttp, Resolver resolver) {
        List<Entry> entries = new ArrayList<>();
        for (String raw : allowedHosts == null ? List.<String>of() : allowedHosts) {
            if (raw != null && !raw.isBlank()) {
                entries.add(entry(raw));
            }
        }
        this.allowlist = List.copyOf(entries);
        this.allowHttp = allowHttp;
        this.resolver = resolver;
    }

    public boolean allowsNothing() {
        return allowlist.isEmpty();
    }

    public Decision check(String controlUrl) {
        if (controlUrl == null || controlUrl.isEmpty()) {
            return Decision.refuse("the request carries no controlUrl");
        }
        if (controlUrl.length() > MAX_URL_LENGTH) {
            return Decision.refuse("the controlUrl is " + controlUrl.length() + " characters long");
        }
        if (!PRINTABLE_ASCII.matcher(controlUrl).matches()) {
            return Decision.refuse("the controlUrl holds whitespace, control or non-ASCII characters");
        }
        URI uri;
        try {
            uri = new URI(controlUrl);
        } catch (URISyntaxException e) {
            return Decision.refuse("the controlUrl is not a valid URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.isOpaque() || !(scheme.equals("https") || allowHttp && scheme.equals("http"))) {
            return Decision.refuse("the controlUrl is not an " + (allowHttp ? "http(s)" : "https") + " URL (scheme "
                    + loggable(scheme.isEmpty() ? "(none)" : scheme) + ")");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() == null || uri.getRawAuthority().contains("@")) {
            return Decision.refuse("the controlUrl carries user info or no authority");
        }
        if (uri.getRawFragment() != null) {
            return Decision.refuse("the controlUrl has a fragment");
        }
        if (uri.getHost() == null) {
            return Decision.refuse("the controlUrl has no valid host (" + loggable(uri.getRawAuthority()) + ")");
        }
        String host = normalise(uri.getHost());
        int port = uri.getPort() == -1 ? defaultPort(scheme) : uri.getPort();
        Entry entry = matchingEntry(host, port, defaultPort(scheme));
        if (entry == null) {
            return Decision.refuse("host " + loggable(host) + " port " + port + " is not on VAPI_CONTROL_ALLOWED_HOSTS");
        }
        if (entry.wildcard() && scheme.equals("http")) {
            return Decision.refuse("plain http goes only to a host listed exactly, not to " + loggable(host));
        }
        if (entry.wildcard()) {
            try {
                addressesFor(host);
            } catch (UnknownHostException e) {
                return Decision.refuse(e.getMessage());
            }
        }
        String rebuilt = scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return Decision.allow(URI.create(rebuilt));
    }

    /**
     * The addresses a connection to this host may use, or UnknownHostException when it must not be
     * reached at all: not on the allowlist, an IP literal not listed exactly, or a wildcard-allowed
     * name resolving to a non-public address.
     */
    public InetAddress[] addressesFor(String rawHost) throws UnknownHostException {
        String name = normalise(rawHost == null ? "" : rawHost);
        String host = name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name;
        boolean listedExactly = allowlist.stream().anyMatch(e -> !e.wildcard() && e.matches(host));
        if (ipLiteral(host)) {
            if (!listedExactly) {
                throw new UnknownHostException("host " + loggable(host) + " is an IP address not listed exactly in VAPI_CONTROL_ALLOWED_HOSTS");
            }
            return InetAddress.getAllByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        }
        if (!listedExactly && allowlist.stream().noneMatch(e -> e.matches(host))) {
            throw new UnknownHostException("host " + loggable(host) + " is not on VAPI_CONTROL_ALLOWED_HOSTS");
        }
        InetAddress[] addresses = resolver.resolve(host);
        if (!listedExactly) {
            for (InetAddress address : addresses) {
                if (nonPublic(address)) {
                    throw new UnknownHostException("host " + loggable(host) + " resolves to the non-public address "
                            + address.getHostAddress());
                }
            }
        }
        return addresses;
    }

    private Entry matchingEntry(String host, int port, int defaultPort) {
        Entry wildcardMatch = null;
        for (Entry entry : allowlist) {
            if (entry.matches(host) && entry.allowsPort(port, defaultPort)) {
                if (!entry.wildcard()) {
                    return entry;
                }
                wildcardMatch = entry;
            }
        }
        // an IP literal is never allowed through a wildcard, only by an exact entry
        return wildcardMatch != null && !ipLiteral(host) && DNS_NAME.matcher(host).matches() ? wildcardMatch : null;
    }

    static Entry entry(String raw) {
        String value = raw.trim().toLowerCase(Locale.ROOT);
        String host = value;
        int port = -1;
        int portSeparator = value.startsWith("[") ? value.indexOf("]:") + 1 : value.lastIndexOf(':');
        if (portSeparator > 0) {
            host = value.substring(0, portSeparator);
            port = port(value.substring(portSeparator + 1), raw);
        }
        host = normalise(host);
        boolean wildcard = host.startsWith("*.");
        String name = wildcard ? host.substring(2) : host;
        boolean valid = wildcard
                ? DNS_NAME.matcher(name).matches() && name.indexOf('.') > 0
                : DNS_NAME.matcher(name).matches() || IPV4.matcher(name).matches() || IPV6.matcher(name).matches();
        if (!valid) {
            throw new IllegalArgumentException("VAPI_CONTROL_ALLOWED_HOSTS: '" + raw.trim() + "' is not a host name, "
                    + "*.domain.tld, IPv4 address or [IPv6] address, with an optional :port");
        }
        return new Entry(name, wildcard, port);
    }

    private static int port(String digits, String raw) {
        if (!digits.matches("\\d{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65_535) {
            throw new IllegalArgumentException("VAPI_CONTROL_ALLOWED_HOSTS: '" + raw.trim() + "' has an invalid port");
        }
        return Integer.parseInt(digits);
    }

    private static String normalise(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /** IPv6 in brackets, or anything whose last label starts with a digit (127.1, 2130706433, 0x7f.1). */
    private static boolean ipLiteral(String host) {
        if (host.startsWith("[")) {
            return true;
        }
        String lastLabel = host.substring(host.lastIndexOf('.') + 1);
        return lastLabel.isEmpty() || Character.isDigit(lastLabel.charAt(0));
    }

    private static int defaultPort(String scheme) {
        return "http".equals(scheme) ? 80 : 443;
    }

    static boolean nonPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return nonPublicIpv4(bytes, 0);
        }
        int first = bytes[0] & 0xff;
        if ((first & 0xfe) == 0xfc) {
            return true; // unique local fc00::/7
        }
        if (address instanceof Inet6Address v6 && v6.isIPv4CompatibleAddress()) {
            return nonPublicIpv4(bytes, 12);
        }
        if (first == 0x20 && bytes[1] == 0x02) {
            return nonPublicIpv4(bytes, 2); // 6to4 2002::/16 carries an IPv4 address
        }
        boolean nat64 = first == 0x00 && bytes[1] == 0x64 && (bytes[2] & 0xff) == 0xff && (bytes[3] & 0xff) == 0x9b;
        return nat64 && nonPublicIpv4(bytes, 12);
    }

    private static boolean nonPublicIpv4(byte[] bytes, int offset) {
        int a = bytes[offset] & 0xff;
        int b = bytes[offset + 1] & 0xff;
        int c = bytes[offset + 2] & 0xff;
        return a == 0 || a == 10 || a == 127 || a >= 224
                || a == 100 && (b & 0xc0) == 64          // carrier-grade NAT 100.64.0.0/10
                || a == 169 && b == 254                  // link-local, cloud metadata
                || a == 172 && (b & 0xf0) == 16
                || a == 192 && b == 168
                || a == 192 && b == 0 && c == 0          // IETF protocol assignments
                || a == 198 && (b & 0xfe) == 18;         // benchmarking 198.18.0.0/15
    }

    /** For logs: printable ASCII only, bounded. */
    static String loggable(String value) {
        if (value == null) {
            return "(none)";
        }
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "..." : printable;
    }
}
