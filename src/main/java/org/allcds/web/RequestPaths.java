package org.allcds.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;

/**
 * The two readings of a request's path that decide who may call it: the container's (decoded, normalised, path
 * parameters removed: "/cds-services/%2e" is "/cds-services/") and Spring MVC's (each raw segment decoded, its path
 * parameters removed: "/cds-services/%2e%2e" keeps a segment ".."). A guard in front of Spring MVC must hold when
 * either reading is under its prefix, or a spelling one of them maps elsewhere reaches a handler unchecked.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    /** True when either reading of the path is {@code prefix} or lies under it ({@code prefix + "/…"}). */
    public static boolean isUnder(HttpServletRequest request, String prefix) {
        return within(containerPath(request), prefix) || within(mvcPath(request), prefix);
    }

    public static String containerPath(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }

    public static String mvcPath(HttpServletRequest request) {
        StringBuilder path = new StringBuilder();
        for (PathContainer.Element element : RequestPath.parse(request.getRequestURI(), request.getContextPath())
                .pathWithinApplication().elements()) {
            path.append(element instanceof PathContainer.PathSegment segment ? segment.valueToMatch() : element.value());
        }
        return path.toString();
    }

    private static boolean within(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
