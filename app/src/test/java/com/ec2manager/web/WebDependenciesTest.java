package com.ec2manager.web;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * {@code web} sits under the features (docs/architecture.md): it maps their failure kinds and
 * knows the signed-in person only as a {@link Viewer}, so no feature package and {@code web}
 * import each other in a circle.
 */
class WebDependenciesTest {

    private static JavaClasses application;

    @BeforeAll
    static void importClasses() {
        // the application's own classes only (not local-aws, not the libraries)
        application = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void webDependsOnNothingOfTheApplicationButFailureKindsAndTheAwsWiring() {
        noClasses().that().resideInAPackage("com.ec2manager.web..")
                .should().dependOnClassesThat(resideInAPackage("com.ec2manager..")
                        .and(not(resideInAnyPackage("com.ec2manager.web..", "com.ec2manager.failure..",
                                "com.ec2manager.aws.."))).as("a feature's classes"))
                .check(application);
    }

    @Test
    void identityUsesWebForItsAnswersAndItsOperatorIsAViewer() {
        // the twin of the rule above: the dependency goes the other way, and exists
        classes().that().haveFullyQualifiedName("com.ec2manager.identity.Operator")
                .should().implement(Viewer.class).check(application);
    }
}
