package org.blockscope.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The layers point one way: app → engine → core, cli → engine → core. The core knows neither JavaFX
 * nor ND4J; the app does not use the command line or ND4J; view-models do not hold scene nodes;
 * {@code kind} is the bottom of the core; no package depends on itself through others.
 */
@AnalyzeClasses(packages = "org.blockscope", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    static final String[] CORE = {
        "org.blockscope.kind..",
        "org.blockscope.graph..",
        "org.blockscope.cost..",
        "org.blockscope.primitive..",
        "org.blockscope.block..",
        "org.blockscope.shape..",
        "org.blockscope.analysis..",
        "org.blockscope.edit..",
        "org.blockscope.io..",
        "org.blockscope.templates.."
    };

    @ArchTest
    static final ArchRule noPackageCycles =
            slices().matching("org.blockscope.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule coreUsesNoJavaFx = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.controlsfx..");

    @ArchTest
    static final ArchRule coreUsesNoNd4j = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.nd4j..", "org.bytedeco..");

    @ArchTest
    static final ArchRule coreKnowsNoOuterLayer = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.blockscope.engine..", "org.blockscope.app..", "org.blockscope.cli..");

    @ArchTest
    static final ArchRule kindIsTheBottomOfTheCore = noClasses()
            .that()
            .resideInAPackage("org.blockscope.kind..")
            .should()
            .dependOnClassesThat(
                    resideInAPackage("org.blockscope..").and(not(resideInAPackage("org.blockscope.kind.."))));

    @ArchTest
    static final ArchRule engineUsesNoJavaFx = noClasses()
            .that()
            .resideInAPackage("org.blockscope.engine..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.blockscope.app..", "org.blockscope.cli..");

    @ArchTest
    static final ArchRule cliUsesNoJavaFx = noClasses()
            .that()
            .resideInAPackage("org.blockscope.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.blockscope.app..");

    @ArchTest
    static final ArchRule appDoesNotUseTheCommandLine = noClasses()
            .that()
            .resideInAPackage("org.blockscope.app..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.blockscope.cli..");

    @ArchTest
    static final ArchRule appDoesNotUseNd4j = noClasses()
            .that()
            .resideInAPackage("org.blockscope.app..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.nd4j..", "org.bytedeco..");

    /** View-models decide and are tested without a scene: they hold properties, never nodes. */
    @ArchTest
    static final ArchRule viewModelsHoldNoSceneNodes = noClasses()
            .that()
            .haveSimpleNameEndingWith("ViewModel")
            .or()
            .resideInAPackage("org.blockscope.app.model..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("javafx.scene..");

    /** The rules fail on code that breaks them: each one is shown a deliberately broken fixture. */
    @Test
    void everyRuleFailsOnCodeThatBreaksIt() {
        JavaClasses broken = new ClassFileImporter()
                .importPackages(
                        "org.blockscope.arch.fixture",
                        "org.blockscope.app.archfixture",
                        "org.blockscope.graph.archfixture");
        assertThat(broken).isNotEmpty();
        assertThat(noPackageCycles.evaluate(broken).hasViolation()).as("cycle").isTrue();
        assertThat(coreUsesNoJavaFx.evaluate(broken).hasViolation())
                .as("core → JavaFX")
                .isTrue();
        assertThat(coreKnowsNoOuterLayer.evaluate(broken).hasViolation())
                .as("core → engine")
                .isTrue();
        assertThat(appDoesNotUseTheCommandLine.evaluate(broken).hasViolation())
                .as("app → cli")
                .isTrue();
    }
}
