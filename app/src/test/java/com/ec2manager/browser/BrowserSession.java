package com.ec2manager.browser;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on a random port against the shared console stack, and one fresh browser
 * context per test in headless Chromium. After each test the last page is kept under
 * {@code target/browser-pages}, for whoever reads a failure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ec2manager.audit.reconciler.enabled=false"
})
abstract class BrowserSession {

    static final Duration PATIENCE = Duration.ofSeconds(20);
    private static Chromium chromium;

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        ConsoleTestStack.register(registry);
    }

    @LocalServerPort
    int port;

    String base;
    BrowserContext context;
    Page page;

    @BeforeAll
    static void launch() {
        chromium = new Chromium();
    }

    @AfterAll
    static void quit() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void open() {
        base = "http://127.0.0.1:" + port;
        context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(1280, 900).setTimezoneId("Europe/Berlin").setLocale("en-GB")
                .setAcceptDownloads(true));
        context.setDefaultTimeout(PATIENCE.toMillis());
        page = context.newPage();
        page.onRequestFailed(request -> System.out.println("browser request failed: " + request.method() + " "
                + request.url() + " " + request.failure()));
    }

    /** Signs in through the sign-in page, as a person would. */
    void signIn(String email, String password) {
        page.navigate(base + "/sign-in");
        page.getByLabel("E-mail address").fill(email);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.waitForLoadState();
    }

    @AfterEach
    void close(TestInfo test) throws IOException {
        Path pages = Path.of("target", "browser-pages");
        Files.createDirectories(pages);
        String name = test.getTestMethod().map(Method::getName).orElse("test");
        Files.writeString(pages.resolve(name + ".html"), page.url() + "\n" + page.content());
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(pages.resolve(name + ".png")));
        context.close();
    }
}
