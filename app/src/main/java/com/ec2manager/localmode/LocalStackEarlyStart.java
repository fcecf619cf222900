package com.ec2manager.localmode;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.ec2manager.localaws.LocalStack;
import com.ec2manager.localaws.LocalStackSettings;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Starts the local stack on a thread of its own as soon as the bean factory is being prepared, so
 * that DynamoDB Local's JVM boots while Spring creates the web server and every bean that does not
 * need the stack; the {@link LocalStack} bean then waits for it. A post-processor only for that
 * early moment: it changes no bean definition.
 */
final class LocalStackEarlyStart implements BeanFactoryPostProcessor, DisposableBean {

    private final CompletableFuture<LocalStack> stack;

    LocalStackEarlyStart(LocalStackProperties local) {
        LocalStackSettings settings = new LocalStackSettings(local.host(), local.dataDir(), local.dynamodbPort(),
                local.ec2Port(), local.cognitoPort(), local.s3Port(), local.cognitoRealIssuer(),
                local.cloudwatchPort());
        this.stack = CompletableFuture.supplyAsync(() -> LocalStack.start(settings),
                task -> new Thread(task, "local-stack-start").start());
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // nothing to change: being created this early is the point
    }

    LocalStack await() {
        try {
            return stack.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Stops the stack also when the context fails before the {@link LocalStack} bean was made (closing twice is harmless). */
    @Override
    public void destroy() {
        stack.thenAccept(LocalStack::close);
    }
}
