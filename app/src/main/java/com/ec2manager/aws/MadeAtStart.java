package com.ec2manager.aws;

/**
 * A table or bucket that the running mode makes at start-up (local mode; in aws mode the
 * deployment made it), as the bean that made it. Declared {@code @Bean(bootstrap = BACKGROUND)}, such
 * beans are made side by side on the {@code bootstrapExecutor} while the main thread builds the rest,
 * and the context's refresh waits for every one of them before anything starts: the web server, the
 * schedules, the stream's consumer. No other bean depends on one (Spring refuses a background bean
 * as a dependency of a bean made on the main thread).
 *
 * @param store the table's or bucket's name
 */
public record MadeAtStart(String store) {

    /** Runs {@code make} when the running mode makes its own tables and buckets. */
    public static MadeAtStart ifModeMakes(ModeDefaults mode, String store, Runnable make) {
        return ifWanted(mode.createsTables(), store, make);
    }

    /** Runs {@code make} when {@code wanted} (a setting that overrides the mode's default). */
    public static MadeAtStart ifWanted(boolean wanted, String store, Runnable make) {
        if (wanted) {
            make.run();
        }
        return new MadeAtStart(store);
    }
}
