package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import org.apache.camel.CamelContext;
import org.apache.camel.component.bean.BeanComponent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A message taken in leaves nothing of itself in the routes' caches. Camel caches what it learns of an object a route
 * calls into by the object itself, a thousand at a time: a route that asked each message's IntakeContext a question
 * kept the last thousand contexts, and with them their messages (36 MB of bodies in a heap dump under load).
 */
class IntakeKeepsNothingTest extends GatewayTestBase {

    @Autowired
    CamelContext camel;

    @Test
    void the_bean_cache_does_not_grow_with_the_messages_taken_in() {
        BeanComponent beans = camel.getComponent("bean", BeanComponent.class);
        assertThat(postJson(Examples.freshStin()).ackCode()).isEqualTo("ok"); // every step's bean info cached once
        int before = beans.getCurrentBeanCacheSize();

        for (int i = 0; i < 20; i++) {
            assertThat(postJson(Examples.freshStin()).ackCode()).isEqualTo("ok");
        }

        assertThat(beans.getCurrentBeanCacheSize()).as("bean infos cached after 20 more messages").isEqualTo(before);
    }
}
