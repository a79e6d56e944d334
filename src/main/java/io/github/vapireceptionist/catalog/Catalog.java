package io.github.vapireceptionist.catalog;

import io.github.vapireceptionist.calendar.ProviderRecord;
import io.github.vapireceptionist.calendar.ServiceRecord;
import io.github.vapireceptionist.core.SpeakableException;
import io.github.vapireceptionist.core.SpokenLists;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What this line books, as the calendar last said: its services (public, within EASYAPPOINTMENTS_SERVICE_IDS,
 * offered by someone), its providers (within EASYAPPOINTMENTS_PROVIDER_IDS, offering one of those) and who
 * offers what, each sorted by id. Immutable: a refresh replaces the whole catalog. Also turns the names a
 * caller says into a service and a person, or into the question or the list the caller hears instead.
 */
public final class Catalog {

    private static final Set<String> ANYONE = Set.of("any", "anyone", "anybody", "whoever", "someone", "somebody",
            "either", "no preference", "doesn t matter", "don t mind", "any of them", "not fussed");

    private final List<ServiceRecord> services;
    private final List<ProviderRecord> providers;
    private final int defaultServiceId;
    private final boolean fromCalendar;

    Catalog(List<ServiceRecord> allServices, List<ProviderRecord> allProviders, CatalogProperties line,
            int defaultServiceId, boolean fromCalendar) {
        Predicate<ServiceRecord> lineService = s -> !s.isPrivate()
                && (line.serviceIds().isEmpty() || line.serviceIds().contains(s.id()));
        Set<Integer> lineServiceIds = allServices.stream().filter(lineService).map(ServiceRecord::id)
                .collect(Collectors.toSet());
        this.providers = allProviders.stream()
                .filter(p -> line.providerIds().isEmpty() || line.providerIds().contains(p.id()))
                .filter(p -> p.services().stream().anyMatch(lineServiceIds::contains))
                .sorted(Comparator.comparingInt(ProviderRecord::id))
                .toList();
        this.services = allServices.stream()
                .filter(lineService)
                .filter(s -> providers.stream().anyMatch(p -> p.services().contains(s.id())))
                .sorted(Comparator.comparingInt(ServiceRecord::id))
                .toList();
        this.defaultServiceId = defaultServiceId;
        this.fromCalendar = fromCalendar;
    }

    /** The configured ids alone, for a calendar whose catalog cannot be read: nothing to name, still bookable. */
    static Catalog configured(int serviceId, int providerId, String timezone, CatalogProperties line) {
        return new Catalog(List.of(new ServiceRecord(serviceId, null, 0, null, null, 1, false)),
                List.of(new ProviderRecord(providerId, null, null, timezone, List.of(serviceId))),
                new CatalogProperties(List.of(), List.of(), line.refreshMinutes()), serviceId, false);
    }

    public List<ServiceRecord> services() {
        return services;
    }

    public List<ProviderRecord> providers() {
        return providers;
    }

    /** Read from the calendar (not the configured ids of a calendar that could not be read). */
    public boolean fromCalendar() {
        return fromCalendar;
    }

    public Optional<ServiceRecord> service(int id) {
        return services.stream().filter(s -> s.id() == id).findFirst();
    }

    public Optional<ProviderRecord> provider(int id) {
        return providers.stream().filter(p -> p.id() == id).findFirst();
    }

    /** Who offers that service on this line, lowest id first. */
    public List<ProviderRecord> offering(ServiceRecord service) {
        return providers.stream().filter(p -> p.services().contains(service.id())).toList();
    }

    /** The line's default service (EASYAPPOINTMENTS_SERVICE_ID), or its first one when that one is not offered. */
    public Optional<ServiceRecord> defaultService() {
        return service(defaultServiceId).or(() -> services.stream().findFirst());
    }

    /**
     * The service for a request naming a person and perhaps a service: with no service named, the default one
     * when that person offers it, else the one they offer, else a question naming theirs ("Sam Smith does Beard
     * trim and Haircut. Which would you like?"), so a caller who named only a person is never told that person
     * "doesn't do" a service they never asked for.
     */
    public ServiceRecord chooseService(String saidService, String saidProvider) {
        if (saidService != null && !saidService.isBlank() || saidProvider == null || saidProvider.isBlank()) {
            return chooseService(saidService);
        }
        ServiceRecord standard = chooseService(null);
        List<ProviderRecord> found = NameMatching.match(saidProvider,
                providers.stream().filter(p -> p.firstName() != null || p.lastName() != null).toList(), Catalog::fullName);
        if (found.size() != 1 || found.get(0).services().contains(standard.id())) {
            return standard;    // nobody, several or the default's own: chooseProvider says what to
        }
        ProviderRecord person = found.get(0);
        List<ServiceRecord> theirs = services.stream().filter(s -> person.services().contains(s.id())).toList();
        if (theirs.size() == 1) {
            return theirs.get(0);
        }
        if (theirs.isEmpty()) {
            return standard;
        }
        throw new SpeakableException(fullName(person) + " does " + SpokenLists.and(names(theirs)) + ". Which would you like?");
    }

    /** The service the caller named; nothing named: the default one. A question or the list when it is not one. */
    public ServiceRecord chooseService(String said) {
        if (said == null || said.isBlank()) {
            return defaultService().orElseThrow(() -> new SpeakableException(
                    "I can't book anything on this line right now. Let me put you through to the team."));
        }
        List<ServiceRecord> named = services.stream().filter(s -> s.name() != null).toList();
        List<ServiceRecord> found = NameMatching.match(said, named, ServiceRecord::name);
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new SpeakableException(named.isEmpty()
                    ? "I can't read our list of services just now. Shall I book you a standard appointment?"
                    : "We don't offer that, I'm afraid. We offer " + SpokenLists.and(names(named)) + ".");
        }
        throw new SpeakableException("Do you mean " + SpokenLists.or(names(found)) + "?");
    }

    /**
     * The person the caller named for that service; null for anyone (nothing named, or "anyone"). A question
     * when two match, who there is when nobody does, and who does offer it when the one named does not.
     */
    public ProviderRecord chooseProvider(String said, ServiceRecord service) {
        if (said == null || said.isBlank() || ANYONE.contains(String.join(" ", NameMatching.words(said)))) {
            return null;
        }
        List<ProviderRecord> named = providers.stream().filter(p -> p.firstName() != null || p.lastName() != null).toList();
        List<ProviderRecord> found = NameMatching.match(said, named, Catalog::fullName);
        if (found.isEmpty()) {
            throw new SpeakableException(named.isEmpty()
                    ? "I can't read the team's names just now. Shall I book you with whoever is free?"
                    : "I don't know anyone by that name here. We have " + SpokenLists.and(spokenNames(named)) + ".");
        }
        List<ProviderRecord> offeringIt = found.stream().filter(p -> p.services().contains(service.id())).toList();
        if (offeringIt.size() == 1) {
            return offeringIt.get(0);
        }
        if (offeringIt.size() > 1) {
            throw new SpeakableException("Do you mean " + SpokenLists.or(offeringIt.stream().map(Catalog::fullName).toList()) + "?");
        }
        List<String> whoDoes = spokenNames(offering(service));
        throw new SpeakableException(SpokenLists.or(found.stream().map(Catalog::fullName).toList()) + " doesn't do "
                + serviceName(service) + ". " + SpokenLists.and(whoDoes) + (whoDoes.size() == 1
                        ? " does. Would you like " + whoDoes.get(0) + " instead, or another service?"
                        : " do. Would you like one of them, or another service?"));
    }

    /** "Maria López"; a provider without a name in the calendar is "our team". */
    public static String fullName(ProviderRecord provider) {
        String name = ((provider.firstName() == null ? "" : provider.firstName()) + " "
                + (provider.lastName() == null ? "" : provider.lastName())).strip();
        return name.isEmpty() ? "our team" : name;
    }

    /** First names, unless two people share one: then full names. */
    public List<String> spokenNames(List<ProviderRecord> people) {
        return people.stream().map(p -> {
            String first = p.firstName() == null ? "" : p.firstName().strip();
            boolean shared = providers.stream().filter(o -> o.id() != p.id() && o.firstName() != null)
                    .anyMatch(o -> NameMatching.words(o.firstName()).equals(NameMatching.words(first)));
            return first.isEmpty() || shared ? fullName(p) : first;
        }).toList();
    }

    static String serviceName(ServiceRecord service) {
        return service.name() == null ? "that" : service.name();
    }

    private static List<String> names(List<ServiceRecord> services) {
        return services.stream().map(ServiceRecord::name).toList();
    }
}
