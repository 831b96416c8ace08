package io.custody.infra.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * ADR 012 as executable rules: every projection has a tracking processor of its own, configured in
 * {@code application.yml}, so that each can be reset and replayed alone.
 */
class ProcessingGroupRulesTest {

    private static final List<JavaClass> PROJECTIONS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.custody.query").stream()
            .filter(c -> c.isAnnotatedWith(ProcessingGroup.class))
            .toList();

    private static String group(JavaClass projection) {
        return projection.getAnnotationOfType(ProcessingGroup.class).value();
    }

    @Test
    void no_two_projections_share_a_processing_group() {
        Map<String, List<String>> byGroup = PROJECTIONS.stream().collect(Collectors.groupingBy(
                ProcessingGroupRulesTest::group, Collectors.mapping(JavaClass::getSimpleName, Collectors.toList())));
        assertThat(byGroup).hasSizeGreaterThanOrEqualTo(5);
        assertThat(byGroup).allSatisfy((group, classes) -> assertThat(classes).as(group).hasSize(1));
    }

    @Test
    void every_projection_names_its_processor_with_a_constant_and_runs_it_as_a_tracking_processor() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource("application.yml"));
        Properties config = yaml.getObject();
        assertThat(PROJECTIONS).allSatisfy(projection -> {
            assertThat(projection.getField("PROCESSOR").reflect().get(null)).isEqualTo(group(projection));
            assertThat(config.getProperty("axon.eventhandling.processors." + group(projection) + ".mode"))
                    .as(group(projection)).isEqualTo("tracking");
        });
    }
}
