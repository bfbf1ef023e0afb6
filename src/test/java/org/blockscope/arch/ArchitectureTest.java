package org.blockscope.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layers point one way: app → engine → core. Core knows neither JavaFX nor ND4J. */
@AnalyzeClasses(packages = "org.blockscope", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {
        "org.blockscope.graph..",
        "org.blockscope.block..",
        "org.blockscope.shape..",
        "org.blockscope.cost..",
        "org.blockscope.edit..",
        "org.blockscope.io..",
        "org.blockscope.templates.."
    };

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
}
