package com.tradebot.dynamodb.protocol;

import com.tradebot.dynamodb.ops.BatchGetItem;
import com.tradebot.dynamodb.ops.BatchWriteItem;
import com.tradebot.dynamodb.ops.CreateTable;
import com.tradebot.dynamodb.ops.DeleteItem;
import com.tradebot.dynamodb.ops.DeleteTable;
import com.tradebot.dynamodb.ops.DescribeTable;
import com.tradebot.dynamodb.ops.GetItem;
import com.tradebot.dynamodb.ops.ListTables;
import com.tradebot.dynamodb.ops.Operation;
import com.tradebot.dynamodb.ops.PutItem;
import com.tradebot.dynamodb.ops.Query;
import com.tradebot.dynamodb.ops.Scan;
import com.tradebot.dynamodb.ops.ServiceInfo;
import com.tradebot.dynamodb.ops.TimeToLiveOps;
import com.tradebot.dynamodb.ops.TransactGetItems;
import com.tradebot.dynamodb.ops.TransactWriteItems;
import com.tradebot.dynamodb.ops.UpdateItem;
import com.tradebot.dynamodb.ops.UpdateTable;
import com.tradebot.dynamodb.storage.Database;

import java.util.LinkedHashMap;
import java.util.Map;

/** The supported operations by their X-Amz-Target name. */
public final class Operations {
    private Operations() {
    }

    public static Map<String, Operation> all(Database database) {
        Map<String, Operation> ops = new LinkedHashMap<>();
        ops.put("CreateTable", new CreateTable(database));
        ops.put("DescribeTable", new DescribeTable(database));
        ops.put("ListTables", new ListTables(database));
        ops.put("UpdateTable", new UpdateTable(database));
        ops.put("DeleteTable", new DeleteTable(database));
        ops.put("UpdateTimeToLive", TimeToLiveOps.update(database));
        ops.put("DescribeTimeToLive", TimeToLiveOps.describe(database));
        ops.put("PutItem", new PutItem(database));
        ops.put("GetItem", new GetItem(database));
        ops.put("UpdateItem", new UpdateItem(database));
        ops.put("DeleteItem", new DeleteItem(database));
        ops.put("Query", new Query(database));
        ops.put("Scan", new Scan(database));
        ops.put("BatchGetItem", new BatchGetItem(database));
        ops.put("BatchWriteItem", new BatchWriteItem(database));
        ops.put("TransactGetItems", new TransactGetItems(database));
        ops.put("TransactWriteItems", new TransactWriteItems(database));
        ops.put("DescribeEndpoints", ServiceInfo.describeEndpoints());
        ops.put("DescribeLimits", ServiceInfo.describeLimits());
        ops.put("ListTagsOfResource", ServiceInfo.listTagsOfResource());
        return ops;
    }
}
