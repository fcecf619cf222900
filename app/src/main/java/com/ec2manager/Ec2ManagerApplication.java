package com.ec2manager;

import java.time.Clock;
import java.util.Arrays;

import com.ec2manager.integrity.VerifyAuditCommand;
import com.ec2manager.localaws.LocalStack;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class Ec2ManagerApplication {

    public static void main(String[] args) {
        // "local-stack" runs only the stand-ins, for other clients such as the AWS CLI.
        if (args.length > 0 && args[0].equals("local-stack")) {
            LocalStack.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // "verify-audit" checks the audit trail's archive, digests and table, and exits 0 or 1.
        if (args.length > 0 && args[0].equals("verify-audit")) {
            VerifyAuditCommand.main(Ec2ManagerApplication.class, Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(Ec2ManagerApplication.class, args);
    }

    /** The application's one clock: every feature takes time from it, and tests replace it with one they move. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Where Spring makes the beans declared {@code @Bean(bootstrap = BACKGROUND)} (local mode's tables,
     * {@link com.ec2manager.aws.MadeAtStart}) side by side while the main thread builds the rest; a thread
     * per bean, none kept after start-up.
     */
    @Bean(ConfigurableApplicationContext.BOOTSTRAP_EXECUTOR_BEAN_NAME)
    SimpleAsyncTaskExecutor bootstrapExecutor() {
        return new SimpleAsyncTaskExecutor("bootstrap-");
    }
}
