package org.allcds.admin;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Guards {@code /admin/**} with the admin token; kept apart from the client JWT check on {@code /cds-services/**}. */
@Configuration(proxyBeanMethods = false)
@Conditional(AdminEnabled.class)
@EnableConfigurationProperties(AdminProperties.class)
class AdminWebConfig {

    /** Early among the filters, on every path: either reading of a path under /admin needs the token (RequestPaths). */
    @Bean
    FilterRegistrationBean<AdminTokenFilter> adminTokenFilter(AdminProperties admin) {
        FilterRegistrationBean<AdminTokenFilter> bean = new FilterRegistrationBean<>(new AdminTokenFilter(admin.token()));
        bean.addUrlPatterns("/*");
        bean.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        return bean;
    }
}
