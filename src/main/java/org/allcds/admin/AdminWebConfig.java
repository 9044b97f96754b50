package org.allcds.admin;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Guards {@code /admin/**} with the admin token; kept apart from the client JWT check on {@code /cds-services/**}. */
@Configuration(proxyBeanMethods = false)
@Conditional(AdminEnabled.class)
@EnableConfigurationProperties(AdminProperties.class)
class AdminWebConfig implements WebMvcConfigurer {

    private final AdminProperties admin;

    AdminWebConfig(AdminProperties admin) {
        this.admin = admin;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AdminTokenInterceptor(admin.token())).addPathPatterns("/admin/**");
    }
}
