package io.github.vapireceptionist.calendar;

import io.github.vapireceptionist.business.Business;
import java.time.Clock;
import java.time.ZoneId;

/**
 * "Today", "in the past" and the booking horizon as the business whose call it is sees them: the deployment's clock
 * ({@link ClockConfiguration}) read in that business's own time zone. The instant stays the deployment clock's, so a
 * test's fixed clock stays fixed. No business (a step's unit test, the only business before it was stamped): the
 * deployment's clock and zone, which for business {@code default} are its own (both come from EASYAPPOINTMENTS_TIMEZONE).
 */
public final class BusinessTime {

    private BusinessTime() {
    }

    public static Clock clock(Clock deployment, Business business) {
        if (business == null || business.timezone().equals(deployment.getZone())) {
            return deployment;
        }
        return deployment.withZone(business.timezone());
    }

    public static ZoneId zone(ZoneId deployment, Business business) {
        return business == null ? deployment : business.timezone();
    }
}
