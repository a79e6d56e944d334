package io.github.vapireceptionist.catalog;

import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.SpokenLists;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;

/** list_services' answer: what this line books, as data and as a sentence or two. */
public class CatalogAnswers {

    private static final Map<String, String> CURRENCY_SIGNS = Map.of("GBP", "£", "EUR", "€", "USD", "$");

    private final StaffCatalogs catalogs;

    public CatalogAnswers(StaffCatalogs catalogs) {
        this.catalogs = catalogs;
    }

    /** With one catalog whatever the business (unit tests). */
    public CatalogAnswers(StaffCatalog catalog) {
        this(StaffCatalogs.only(catalog));
    }

    /** What the exchange's business books. */
    public ServicesAnswer services(Exchange exchange) {
        return services(catalogs.of(exchange).current());
    }

    /** What the only business books. */
    ServicesAnswer services() {
        return services(catalogs.sole().current());
    }

    private static ServicesAnswer services(Catalog line) {
        if (!line.fromCalendar()) {
            throw new SpeakableException("I can't read our list of services just now. I can still look for a time "
                    + "for a standard appointment, if you like.", SpeakableException.Kind.UNAVAILABLE);
        }
        if (line.services().isEmpty()) {
            throw new SpeakableException("I can't book any services on this line right now. Can I take a message for the team?",
                    null, SpeakableException.Kind.DECLINED);
        }
        List<ServicesAnswer.Offered> offered = line.services().stream()
                .map(s -> new ServicesAnswer.Offered(s.name(), s.duration(), price(s), price(s) == null ? null : s.currency(),
                        line.offering(s).stream().map(Catalog::fullName).toList()))
                .toList();
        List<String> spoken = line.services().stream().map(s -> spoken(s, line)).toList();
        return new ServicesAnswer(true, offered, "We offer " + SpokenLists.and(spoken) + ".");
    }

    /** "Full colour, an hour and a half, £85, with Maria or Anna". */
    private static String spoken(ServiceRecord service, Catalog line) {
        BigDecimal price = price(service);
        List<String> who = line.spokenNames(line.offering(service));
        return service.name() + " (" + duration(service.duration()) + (price == null ? "" : ", " + money(price, service.currency()))
                + (line.providers().size() > 1 ? ", with " + SpokenLists.or(who) : "") + ")";
    }

    /** A length as people say it: "15 minutes", "an hour", "an hour and a half", "2 hours and 10 minutes". */
    static String duration(int minutes) {
        if (minutes < 60) {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        int hours = minutes / 60;
        int rest = minutes % 60;
        String whole = hours == 1 ? "an hour" : hours + " hours";
        return switch (rest) {
            case 0 -> whole;
            case 15 -> whole + " and a quarter";
            case 30 -> whole + " and a half";
            case 45 -> whole + " and three quarters";
            default -> whole + " and " + duration(rest);
        };
    }

    /** "£85", "€12.50", "40 CHF". */
    static String money(BigDecimal price, String currency) {
        BigDecimal amount = price.stripTrailingZeros().scale() <= 0 ? price.setScale(0, RoundingMode.UNNECESSARY)
                : price.setScale(2, RoundingMode.HALF_UP);
        String code = currency == null ? "" : currency.strip().toUpperCase(Locale.ROOT);
        String sign = CURRENCY_SIGNS.get(code);
        if (sign != null) {
            return sign + amount.toPlainString();
        }
        return code.isEmpty() ? amount.toPlainString() : amount.toPlainString() + " " + code;
    }

    private static BigDecimal price(ServiceRecord service) {
        return service.price() == null || service.price().signum() <= 0 ? null : service.price();
    }
}
