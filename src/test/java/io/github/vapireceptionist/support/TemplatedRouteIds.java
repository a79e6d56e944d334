package io.github.vapireceptionist.support;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;

/**
 * A route made from a template (routes/calendar.camel.yaml) keeps {@code id: "{{nodeId}}"} in its definition
 * until the context starts it; AdviceWith runs before that. This fills in those node ids from each route's
 * template parameters, so {@code weaveById("ea-availabilities")} finds the node as it does in any other route.
 */
public final class TemplatedRouteIds {

    private TemplatedRouteIds() {
    }

    public static void resolve(CamelContext camel) {
        for (RouteDefinition route : ((ModelCamelContext) camel).getRouteDefinitions()) {
            Map<String, Object> parameters = route.getTemplateParameters();
            if (parameters == null) {
                continue;
            }
            for (ProcessorDefinition<?> node : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(),
                    ProcessorDefinition.class)) {
                String id = node.getId();
                if (id != null && id.startsWith("{{") && id.endsWith("}}")) {
                    node.setId(String.valueOf(parameters.get(id.substring(2, id.length() - 2))));
                }
            }
        }
    }
}
