package org.allcds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.List;
import org.allcds.catalog.ServiceDefinition;
import org.allcds.fixtures.BundledRuleSet;
import org.allcds.hooks.Card;
import org.allcds.hooks.CdsResponse;
import org.allcds.integrity.TemplateCodes;
import org.allcds.mapping.FactMapper;
import org.allcds.pipeline.EvaluationTimes;
import org.allcds.pipeline.HookPipeline;
import org.allcds.prefetch.LocalPrefetch;
import org.allcds.prefetch.PatientData;
import org.allcds.prefetch.PrefetchResolver;
import org.allcds.system.EvaluationAssembly;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The warm-up request is one every bundled service accepts, so each service's own path is warm, order-sign's too. */
class WarmUpTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyBundledServiceAcceptsItsWarmUpRequest_andOrderSignReachesTheOrderRules() throws Exception {
        WarmUp warmUp = new WarmUp(null, null, new JsonBodies(64), JSON, null, null);
        byte[] template = new ClassPathResource(WarmUp.REQUEST).getContentAsByteArray();
        byte[] draftOrders = new ClassPathResource(WarmUp.DRAFT_ORDERS).getContentAsByteArray();
        List<ServiceDefinition> services = BundledRuleSet.get().services().services();
        assertThat(services).extracting(ServiceDefinition::hook).contains("patient-view", "order-sign");

        for (ServiceDefinition service : services) {
            ObjectNode body = warmUp.body(service, template, draftOrders);
            CdsResponse response = pipeline(body).call(service.id(), new CdsRequestReader().read(body));
            if (service.hook().equals("order-sign")) {
                // Example A is a first diagnosis: a CAR-T or blinatumomab order cannot meet the label.
                assertThat(response.cards()).extracting(Card::summary).isNotEmpty();
            }
        }
    }

    private static HookPipeline pipeline(ObjectNode body) {
        PrefetchResolver prefetch = mock(PrefetchResolver.class);
        when(prefetch.resolve(any(), any(), any())).thenReturn(new PatientData(new LocalPrefetch().prefetch(body.get("prefetch"))));
        return new HookPipeline(BundledRuleSet.holder(), prefetch, EvaluationAssembly.standalone(),
                new EvaluationTimes(Clock.systemUTC()), new TemplateCodes(new FactMapper()));
    }

    @Test
    void backgroundCalls_offByDefault_aCountTurnsThemOn_aNegativeCountStopsTheStartNamingTheKey() {
        assertThat(WarmUp.backgroundCalls(new org.springframework.mock.env.MockEnvironment()))
                .isEqualTo(WarmUp.DEFAULT_BACKGROUND_CALLS);
        assertThat(WarmUp.DEFAULT_BACKGROUND_CALLS).isZero();
        assertThat(WarmUp.backgroundCalls(new org.springframework.mock.env.MockEnvironment()
                .withProperty(WarmUp.BACKGROUND_CALLS, "4000"))).isEqualTo(4000);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WarmUp.backgroundCalls(
                        new org.springframework.mock.env.MockEnvironment().withProperty(WarmUp.BACKGROUND_CALLS, "-1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(WarmUp.BACKGROUND_CALLS);
    }
}
