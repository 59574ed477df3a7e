package dk.medcomgateway.security;

import dk.medcomgateway.config.OperatorFile;
import dk.medcomgateway.message.IntakePaths;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what. People log in with a form; partner systems use HTTP Basic. API requests (and the
 * API's OpenAPI description) without credentials get 401, a person's browser the login page. Only
 * health is open.
 */
@Configuration
public class SecurityConfiguration {

    /** springdoc's OpenAPI description of /api (also .yaml, and the UI's swagger-config under it). */
    private static final String API_DOCS = "/v3/api-docs";

    /** A message posted to one of the intakes (FHIR, letters, SBDH, VANS): partner systems only. */
    private static final RequestMatcher MESSAGE_POST = request -> HttpMethod.POST.matches(request.getMethod())
            && IntakePaths.isMessageIntake(request.getRequestURI());

    /** API-like paths answer 401 rather than redirecting to the login page. */
    private static final RequestMatcher API = request -> {
        String path = request.getRequestURI();
        return path.startsWith("/api/") || IntakePaths.isMessageIntake(path) || path.startsWith("/actuator/")
                || path.startsWith(API_DOCS);
    };

    @Bean
    public Map<String, GatewayUser> gatewayUsers(@Value("${gateway.users-file}") Path usersFile, Environment environment) {
        return UsersFile.load(usersFile, OperatorFile.USERS.namedByOperator(environment));
    }

    @Bean
    public UserDetailsService userDetailsService(Map<String, GatewayUser> gatewayUsers) {
        return username -> {
            GatewayUser user = gatewayUsers.get(username);
            if (user == null) {
                throw new UsernameNotFoundException(username);
            }
            return User.withUsername(user.username()).password(user.password())
                    .roles(user.roles().stream().map(Enum::name).toArray(String[]::new)).build();
        };
    }

    @Bean
    public PasswordEncoder passwordEncoder() {
        return new RememberingPasswordEncoder(new BCryptPasswordEncoder());
    }

    @Bean
    public RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy("""
                ROLE_admin > ROLE_support
                ROLE_admin > ROLE_ops
                ROLE_admin > ROLE_partner""");
    }

    @Bean
    public SecurityFilterChain securityFilterChain(HttpSecurity http, Map<String, GatewayUser> gatewayUsers) throws Exception {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName("MedCom gateway");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/login", "/error", "/css/**", "/js/**").permitAll()
                        .requestMatchers(MESSAGE_POST).hasRole("partner")
                        .requestMatchers("/actuator/**", "/ops", "/ops/**", "/api/ops/**").hasRole("ops")
                        .requestMatchers("/support", "/support/**").hasRole("support")
                        // A partner may read the trail of its own messages (checked by LedgerController).
                        .requestMatchers(HttpMethod.GET, "/api/messages/*").hasAnyRole("partner", "support")
                        .requestMatchers("/api/messages", "/api/messages/**", "/api/cases/**", "/api/cases",
                                "/api/audit/**", "/api/audit", "/api/episodes/**", "/api/episodes").hasRole("support")
                        .requestMatchers(HttpMethod.GET, "/api/outages", "/api/outages/**", "/api/on-duty").hasAnyRole("ops", "support")
                        .requestMatchers("/api/outages", "/api/outages/**").hasRole("ops")
                        .requestMatchers("/api/escort-settlements/**", "/api/escort-contracts/**", "/api/escort-contracts")
                        .hasAnyRole("partner", "support")
                        .requestMatchers("/api/reports/**").hasRole("support")
                        // The API's description and its UI: any user of the gateway.
                        .requestMatchers(API_DOCS, API_DOCS + ".yaml", API_DOCS + "/**", "/swagger-ui.html", "/swagger-ui/**").authenticated()
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(basic))
                .formLogin(form -> form.permitAll())
                .exceptionHandling(e -> e
                        .defaultAuthenticationEntryPointFor(basic, API)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                        .accessDeniedHandler((request, response, denied) -> response.sendError(HttpStatus.FORBIDDEN.value())))
                // CSRF protects cookie sessions (the page's forms). A request that brings its own
                // credentials (HTTP Basic), or has no session at all, cannot ride on someone's session.
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                        || request.getRequestedSessionId() == null))
                .addFilterAfter(new AllowedSendersFilter(gatewayUsers), BasicAuthenticationFilter.class);
        return http.build();
    }
}
