package io.github.vapireceptionist.store;

import io.lettuce.core.resource.ClientResources;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;

/**
 * Lettuce's threads and timers, released at shutdown without its default two-second quiet period
 * (the connection factory is closed before, so nothing is using them any more).
 */
public record RedisClientResources(ClientResources resources) implements DisposableBean {

    @Override
    public void destroy() {
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }
}
