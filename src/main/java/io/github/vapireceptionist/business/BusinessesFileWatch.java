package io.github.vapireceptionist.business;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reloads BUSINESSES_FILE when it changes (BUSINESSES_FILE_WATCH, on by default): it watches the file's folder,
 * since editors and Kubernetes replace a file rather than write into it (a ConfigMap swaps its {@code ..data}
 * link), and waits until the folder has been quiet for {@code settle} so that a file written in several steps is
 * read once, whole. A file that fails its checks changes nothing (BusinessesReloader says why).
 */
public class BusinessesFileWatch implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BusinessesFileWatch.class);

    private final Path file;
    private final BusinessesReloader reloader;
    private final Duration settle;
    private volatile WatchService watcher;
    private volatile Thread thread;

    public BusinessesFileWatch(Path file, BusinessesReloader reloader, Duration settle) {
        this.file = file.toAbsolutePath();
        this.reloader = reloader;
        this.settle = settle;
    }

    @Override
    public void start() {
        try {
            watcher = FileSystems.getDefault().newWatchService();
            file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException e) {
            log.warn("BUSINESSES_FILE {} cannot be watched ({}): reload it with POST /actuator/businesses", file, e.toString());
            return;
        }
        thread = new Thread(this::watch, "businesses-file-watch");
        thread.setDaemon(true);
        thread.start();
        log.info("Watching BUSINESSES_FILE {}: a change is applied without a restart", file);
    }

    private void watch() {
        try {
            while (true) {
                if (!touches(watcher.take())) {
                    continue;
                }
                // the writer is done once the file has been quiet for `settle` (other files' events do not count)
                for (WatchKey more = watcher.poll(settle.toMillis(), TimeUnit.MILLISECONDS); more != null;
                        more = watcher.poll(settle.toMillis(), TimeUnit.MILLISECONDS)) {
                    touches(more);
                }
                try {
                    reloader.reload();
                } catch (RuntimeException e) {
                    log.error("BUSINESSES_FILE {} could not be reloaded; the running businesses are unchanged", file, e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread = null;
        }
    }

    /** Whether the events are about the file, or the folder's data link (a Kubernetes ConfigMap). */
    private boolean touches(WatchKey key) {
        boolean touched = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            Object name = event.context();
            touched |= event.kind() == StandardWatchEventKinds.OVERFLOW || name == null
                    || name.toString().equals(file.getFileName().toString()) || name.toString().equals("..data");
        }
        if (!key.reset()) {
            log.error("BUSINESSES_FILE's folder {} can no longer be watched (removed?): reload with POST /actuator/businesses",
                    file.getParent());
            throw new ClosedWatchServiceException();
        }
        return touched;
    }

    @Override
    public void stop() {
        WatchService current = watcher;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                log.debug("closing the BUSINESSES_FILE watch", e);
            }
        }
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }
}
