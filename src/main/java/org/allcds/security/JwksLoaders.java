package org.allcds.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.function.Supplier;
import com.nimbusds.jose.jwk.JWKSet;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/** Where an issuer's JWKS comes from: its configured URL (and nowhere else) or a static file. */
final class JwksLoaders {

    /** A JWKS is a few kB; anything much larger is not one. */
    static final int MAX_BYTES = 256 * 1024;

    private JwksLoaders() {
    }

    /**
     * Fetches only {@code url}: redirects are not followed (a redirect could lead to a host nobody allowed), and the
     * caller never passes a {@code jku} from a token here.
     */
    static Supplier<JWKSet> remote(URI url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Accept", "application/json, application/jwk-set+json").GET().build();
        return () -> {
            try {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("JWKS " + url + " answered HTTP " + response.statusCode());
                    }
                    return parse(read(body), url.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("JWKS " + url + " could not be read: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while fetching JWKS " + url, e);
            }
        };
    }

    /** A static JWKS: {@code classpath:name} or a file path. */
    static Supplier<JWKSet> file(String location) {
        Resource resource = location.startsWith("classpath:")
                ? new ClassPathResource(location.substring("classpath:".length()))
                : new FileSystemResource(location);
        return () -> {
            try (InputStream in = resource.getInputStream()) {
                return parse(read(in), location);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read JWKS file " + location, e);
            }
        };
    }

    private static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IOException("JWKS larger than " + MAX_BYTES + " bytes");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static JWKSet parse(String json, String source) {
        try {
            return JWKSet.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("not a JWK Set: " + source, e);
        }
    }
}
