package com.ec2manager.web;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.AsyncSupportConfigurer;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.thymeleaf.spring6.SpringTemplateEngine;

@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<ConsoleProperties> console;

    WebConfiguration(ObjectProvider<ConsoleProperties> console) {
        this.console = console;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        StaticResources.addScripts(registry);
    }

    /** Only links to static files go through the resource chain's URL lookup (see {@link StaticLinkBuilder}). */
    @org.springframework.context.annotation.Bean
    static BeanPostProcessor staticLinksOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof SpringTemplateEngine engine) {
                    engine.setLinkBuilder(new StaticLinkBuilder());
                }
                return bean;
            }
        };
    }

    @org.springframework.context.annotation.Bean
    ProblemWriter problemWriter(tools.jackson.databind.json.JsonMapper json) {
        return new ProblemWriter(json);
    }

    /** Streamed audit exports outlive the container's default async timeout. */
    @Override
    public void configureAsyncSupport(AsyncSupportConfigurer configurer) {
        ConsoleProperties properties = console.getIfAvailable();
        configurer.setDefaultTimeout((properties == null ? Duration.ofMinutes(30) : properties.exportTimeout()).toMillis());
    }
}
