package com.tradebot.local.template;

import java.util.ArrayList;
import java.util.List;

/** {@code AWS::DynamoDB::Table}s with their resolved properties. */
final class TableReader {
    private final CfnTemplate template;
    private final TemplateValues values;

    TableReader(TemplateValues values) {
        this.template = values.template();
        this.values = values;
    }

    List<TableDef> tables() {
        List<TableDef> tables = new ArrayList<>();
        for (CfnResource table : template.resourcesOfType("AWS::DynamoDB::Table")) {
            tables.add(new TableDef(table.logicalId(), template.tableName(table.logicalId()),
                    CfnTemplate.map(template.resolve(table.properties()))));
        }
        return tables;
    }
}
