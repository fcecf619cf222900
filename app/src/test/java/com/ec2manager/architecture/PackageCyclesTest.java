package com.ec2manager.architecture;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * No two packages import each other, directly or round a circle (docs/architecture.md): neither the
 * features ({@code com.ec2manager.*}) nor any package within one ({@code identity.signin} and
 * {@code identity.tokens}, say).
 */
class PackageCyclesTest {

    // the application's own classes only (not local-aws, not the libraries, not the tests)
    private static final JavaClasses APPLICATION = new ClassFileImporter().importPath(Path.of("target", "classes"));

    static ArchRule noCycleBetweenFeaturesUnder(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule noCycleBetweenAnyPackagesUnder(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    @Test
    void noFeatureImportsAnotherThatImportsItBack() {
        noCycleBetweenFeaturesUnder("com.ec2manager").check(APPLICATION);
    }

    @Test
    void noPackageWithinAFeatureImportsAnotherThatImportsItBack() {
        noCycleBetweenAnyPackagesUnder("com.ec2manager").check(APPLICATION);
    }

    @Test
    void bothRulesFindACycleWhereOneExists() {
        // the twin of the two above: two test packages that import each other
        JavaClasses cyclic = new ClassFileImporter().importPackages("com.ec2manager.architecture.cyclic");
        assertThatThrownBy(() -> noCycleBetweenFeaturesUnder("com.ec2manager.architecture.cyclic").check(cyclic))
                .isInstanceOf(AssertionError.class).hasMessageContaining("orders").hasMessageContaining("billing");
        assertThatThrownBy(() -> noCycleBetweenAnyPackagesUnder("com.ec2manager.architecture").check(cyclic))
                .isInstanceOf(AssertionError.class).hasMessageContaining("cyclic.orders");
    }
}
