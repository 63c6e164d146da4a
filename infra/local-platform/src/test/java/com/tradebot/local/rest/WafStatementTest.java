package com.tradebot.local.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradebot.local.template.CfnTemplate;
import com.tradebot.local.template.LocalBindings;
import com.tradebot.local.template.TemplateModel;
import com.tradebot.local.template.WafRateRuleDef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WafStatementTest {

    private static WafStatement rule(String name) {
        Path template = Path.of("..", "..", "template.yaml");
        if (!Files.exists(template)) {
            template = Path.of("template.yaml");
        }
        List<WafRateRuleDef> rules = new TemplateModel(CfnTemplate.load(template, Map.of(), new LocalBindings()))
                .wafRateRules();
        return WafStatement.compile(rules.stream().filter(rule -> rule.name().equals(name)).findFirst().orElseThrow()
                .scopeDownStatement());
    }

    private static boolean matches(WafStatement statement, String uriPath) {
        return statement.matches(new WafStatement.Request("POST", uriPath));
    }

    @Test
    void theTemplatesLoginRuleCountsEverySpellingThatReachesLogin() {
        WafStatement login = rule("login-per-ip");

        for (String spelling : List.of("/api/auth/login", "/api/auth/login/", "/api/auth/login//", "//api/auth/login",
                "/api//auth///login", "/API/Auth/LOGIN", "/api/auth/%6Cogin", "/api/auth/%6c%6f%67%69%6e/",
                "/Prod/api/auth/login", "/api/auth/./login", "/api/x/../auth/login")) {
            assertThat(matches(login, spelling)).as(spelling).isTrue();
        }
        for (String other : List.of("/api/auth/login-history", "/api/auth/loginx", "/api/auth/register",
                "/api/auth/me", "/a/b/api/auth/login/extra", "/")) {
            assertThat(matches(login, other)).as(other).isFalse();
        }
        assertThat(matches(rule("register-per-ip"), "/api/auth/register/")).isTrue();
        assertThat(matches(rule("register-per-ip"), "/api/auth/login")).isFalse();
    }

    @Test
    void byteMatchLogicalStatementsAndTransformationsEvaluateAsWritten() {
        WafStatement statement = WafStatement.compile(Map.of("AndStatement", Map.of("Statements", List.of(
                Map.of("ByteMatchStatement", Map.of("FieldToMatch", Map.of("UriPath", Map.of()),
                        "PositionalConstraint", "STARTS_WITH", "SearchString", "/limited",
                        "TextTransformations", List.of(Map.of("Priority", 0, "Type", "LOWERCASE")))),
                Map.of("NotStatement", Map.of("Statement", Map.of("ByteMatchStatement", Map.of(
                        "FieldToMatch", Map.of("Method", Map.of()), "PositionalConstraint", "EXACTLY",
                        "SearchString", "OPTIONS", "TextTransformations", List.of()))))))));

        assertThat(statement.matches(new WafStatement.Request("GET", "/LIMITED/x"))).isTrue();
        assertThat(statement.matches(new WafStatement.Request("OPTIONS", "/limited/x"))).isFalse();
        assertThat(statement.matches(new WafStatement.Request("GET", "/other"))).isFalse();
        assertThat(WafStatement.compile(null).matches(new WafStatement.Request("GET", "/"))).isTrue();
    }

    @Test
    void urlDecodeNeverFailsAndNormalizePathResolvesDots() {
        assertThat(WafStatement.urlDecode("/a%2Fb/%zz/%")).isEqualTo("/a/b/%zz/%");
        assertThat(WafStatement.normalizePath("//a/./b/../c//")).isEqualTo("/a/c/");
    }

    @Test
    void statementsTheLocalWafCannotEvaluateFailAtStartUp() {
        assertThatThrownBy(() -> WafStatement.compile(Map.of("GeoMatchStatement", Map.of())))
                .hasMessageContaining("GeoMatchStatement");
        assertThatThrownBy(() -> WafStatement.compile(Map.of("ByteMatchStatement", Map.of(
                "FieldToMatch", Map.of("Body", Map.of()), "PositionalConstraint", "CONTAINS", "SearchString", "x"))))
                .hasMessageContaining("UriPath");
        assertThatThrownBy(() -> WafStatement.compile(Map.of("RegexMatchStatement", Map.of(
                "FieldToMatch", Map.of("UriPath", Map.of()), "RegexString", "x",
                "TextTransformations", List.of(Map.of("Priority", 0, "Type", "BASE64_DECODE"))))))
                .hasMessageContaining("BASE64_DECODE");
    }
}
