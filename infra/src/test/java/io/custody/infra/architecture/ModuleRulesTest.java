package io.custody.infra.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The architecture's "never" list, as executable rules over the classes of every module. */
class ModuleRulesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.custody");
    }

    @Test
    void core_api_does_not_depend_on_spring_or_jackson() {
        noClasses().that().resideInAPackage("io.custody.api..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "tools.jackson..",
                        "com.fasterxml.jackson.databind..")
                .check(classes);
    }

    @Test
    void core_api_depends_on_other_modules_of_ours_not_at_all() {
        noClasses().that().resideInAPackage("io.custody.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.custody.command..", "io.custody.query..",
                        "io.custody.saga..", "io.custody.mpc..", "io.custody.chain..", "io.custody.infra..")
                .check(classes);
    }

    @Test
    void mpc_engine_and_chain_gateway_do_not_depend_on_axon() {
        noClasses().that().resideInAnyPackage("io.custody.mpc..", "io.custody.chain..")
                .should().dependOnClassesThat().resideInAPackage("org.axonframework..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void command_side_does_not_read_projections() {
        noClasses().that().resideInAPackage("io.custody.command..")
                .should().dependOnClassesThat().resideInAnyPackage("io.custody.query..")
                .check(classes);
    }

    @Test
    void projections_do_not_send_commands() {
        noClasses().that().resideInAPackage("io.custody.query..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.commandhandling.gateway.CommandGateway")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.commandhandling.CommandBus")
                .check(classes);
    }

    @Test
    void the_audit_rules_and_the_audit_tool_see_neither_spring_nor_axon_nor_the_application() {
        // the replay tool must compute records exactly as the projection does, from audit-core alone
        noClasses().that().resideInAPackage("io.custody.audit..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                        "io.custody.query..", "io.custody.command..", "io.custody.saga..", "io.custody.infra..")
                .check(classes);
    }
}
