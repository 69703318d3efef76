package io.leadflow.events.rest;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

import io.leadflow.events.vocabulary.Language;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * What a reader asked to read in, taken the same way by every endpoint that shows words ({@code @BeanParam}):
 * {@code ?lang=} first, then {@code Accept-Language}; Chinese (the template's) unless English is asked for.
 */
public class LanguageParams {

    @QueryParam("lang")
    @Parameter(description = "zh-CN (the default) or en; overrides Accept-Language")
    public String lang;

    @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE)
    public String acceptLanguage;

    public Language language() {
        return Language.of(lang, acceptLanguage);
    }
}
