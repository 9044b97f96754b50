package org.allcds.catalog;

import java.util.List;
import java.util.Optional;

/** The services a rule set declares, in declaration order (discovery lists them in this order). */
public record ServiceCatalog(List<ServiceDefinition> services) {
    public ServiceCatalog {
        services = List.copyOf(services);
    }

    public Optional<ServiceDefinition> find(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
