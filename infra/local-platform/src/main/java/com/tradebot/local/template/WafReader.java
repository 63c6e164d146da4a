package com.tradebot.local.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rate-based rules of {@code AWS::WAFv2::WebACL}s and the REST stages their associations protect. */
final class WafReader {
    private final CfnTemplate template;
    private final TemplateValues values;

    WafReader(TemplateValues values) {
        this.template = values.template();
        this.values = values;
    }

    /** The rate rules of every web ACL of the template. */
    List<WafRateRuleDef> wafRateRules() {
        List<WafRateRuleDef> rules = new ArrayList<>();
        for (CfnResource acl : template.resourcesOfType("AWS::WAFv2::WebACL")) {
            rules.addAll(rateRulesOf(acl));
        }
        rules.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
        return rules;
    }

    /** The rate rules of the web ACLs that a WebACLAssociation attaches to this REST API's stage. */
    List<WafRateRuleDef> wafRateRulesOf(String restApiLogicalId) {
        String stageArnPart = "/restapis/" + CfnTemplate.apiId(restApiLogicalId) + "/";
        List<WafRateRuleDef> rules = new ArrayList<>();
        for (CfnResource association : template.resourcesOfType("AWS::WAFv2::WebACLAssociation")) {
            Map<String, Object> properties = association.properties();
            if (values.text(properties.get("ResourceArn")).contains(stageArnPart)) {
                rules.addAll(rateRulesOf(template.require(values.referencedId(properties.get("WebACLArn")))));
            }
        }
        rules.sort((a, b) -> Integer.compare(a.priority(), b.priority()));
        return rules;
    }

    private List<WafRateRuleDef> rateRulesOf(CfnResource acl) {
        List<WafRateRuleDef> rules = new ArrayList<>();
        Map<String, Object> properties = CfnTemplate.map(template.resolve(acl.properties()));
        Map<String, Object> bodies = CfnTemplate.map(properties.get("CustomResponseBodies"));
        Object ruleList = properties.get("Rules");
        if (!(ruleList instanceof List<?> list)) {
            return rules;
        }
        for (Object item : list) {
            Map<String, Object> rule = CfnTemplate.map(item);
            Map<String, Object> rate = CfnTemplate.map(
                    CfnTemplate.map(rule.get("Statement")).get("RateBasedStatement"));
            if (rate.isEmpty()) {
                continue;
            }
            Map<String, Object> byteMatch = CfnTemplate.map(
                    CfnTemplate.map(rate.get("ScopeDownStatement")).get("ByteMatchStatement"));
            String uriMatch = null;
            String search = null;
            boolean lowercase = false;
            if (!byteMatch.isEmpty()) {
                if (!CfnTemplate.map(byteMatch.get("FieldToMatch")).containsKey("UriPath")) {
                    throw new TemplateException("WAF rule " + rule.get("Name")
                            + ": the local platform matches ByteMatchStatement on UriPath only");
                }
                uriMatch = values.text(byteMatch.get("PositionalConstraint"));
                search = values.text(byteMatch.get("SearchString"));
                if (byteMatch.get("TextTransformations") instanceof List<?> transformations) {
                    for (Object transformation : transformations) {
                        lowercase |= "LOWERCASE".equals(CfnTemplate.map(transformation).get("Type"));
                    }
                }
            }
            Map<String, Object> customResponse = CfnTemplate.map(CfnTemplate.map(
                    CfnTemplate.map(rule.get("Action")).get("Block")).get("CustomResponse"));
            Map<String, String> headers = new LinkedHashMap<>();
            if (customResponse.get("ResponseHeaders") instanceof List<?> headerList) {
                for (Object header : headerList) {
                    Map<String, Object> definition = CfnTemplate.map(header);
                    headers.put(values.text(definition.get("Name")), values.text(definition.get("Value")));
                }
            }
            String bodyKey = values.text(customResponse.get("CustomResponseBodyKey"));
            Map<String, Object> body = bodyKey == null ? Map.of() : CfnTemplate.map(bodies.get(bodyKey));
            String contentType = switch (String.valueOf(body.get("ContentType"))) {
                case "APPLICATION_JSON" -> "application/json";
                case "TEXT_HTML" -> "text/html";
                default -> "text/plain";
            };
            rules.add(new WafRateRuleDef(values.text(rule.get("Name")), values.intValue(rule.get("Priority"), 0),
                    values.intValue(rate.get("Limit"), 100), values.intValue(rate.get("EvaluationWindowSec"), 300), uriMatch,
                    search, lowercase, values.intValue(customResponse.get("ResponseCode"), 403),
                    values.text(body.get("Content")), contentType, headers));
        }
        return rules;
    }
}
