package io.custody.infra.kafka;

import java.util.Arrays;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Exposes the embedded broker, when there is one, as a bean, and stops it when the application closes, after every
 * Kafka client bean: those are made to depend on the broker bean, so Spring destroys them first and a producer can
 * flush what it holds.
 */
@Configuration(proxyBeanMethods = false)
public class EmbeddedKafkaLifecycle {

    static final String BROKER = "embeddedKafkaBroker";

    @Bean(name = BROKER, destroyMethod = "stop")
    @Conditional(EmbeddedBrokerStarted.class)
    static EmbeddedKafkaBroker embeddedKafkaBroker(ConfigurableEnvironment environment) {
        return ((EmbeddedKafkaPropertySource) environment.getPropertySources()
                .get(EmbeddedKafkaEnvironment.PROPERTY_SOURCE)).broker();
    }

    @Bean
    static BeanFactoryPostProcessor kafkaClientsStopBeforeEmbeddedKafka() {
        return factory -> {
            if (!factory.containsBeanDefinition(BROKER)) {
                return;
            }
            for (Class<?> type : new Class<?>[] {Producer.class, Consumer.class, Admin.class, AutoCloseable.class}) {
                for (String name : factory.getBeanNamesForType(type, true, false)) {
                    if (!name.equals(BROKER) && isKafkaClient(factory, name, type)) {
                        dependOnBroker(factory.getBeanDefinition(name));
                    }
                }
            }
        };
    }

    /** Kafka's own client types, and our beans that wrap one (their class names say Kafka). */
    private static boolean isKafkaClient(ConfigurableListableBeanFactory factory, String name, Class<?> type) {
        if (type != AutoCloseable.class) {
            return true;
        }
        Class<?> beanType = factory.getType(name, false);
        return beanType != null && beanType.getName().startsWith("io.custody.") && beanType.getSimpleName().contains("Kafka");
    }

    private static void dependOnBroker(BeanDefinition definition) {
        String[] existing = definition.getDependsOn();
        String[] dependsOn = existing == null ? new String[1] : Arrays.copyOf(existing, existing.length + 1);
        dependsOn[dependsOn.length - 1] = BROKER;
        definition.setDependsOn(dependsOn);
    }

    /** True when {@link EmbeddedKafkaEnvironment} started a broker for this application. */
    static final class EmbeddedBrokerStarted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment() instanceof ConfigurableEnvironment environment
                    && environment.getPropertySources().get(EmbeddedKafkaEnvironment.PROPERTY_SOURCE)
                            instanceof EmbeddedKafkaPropertySource;
        }
    }
}
