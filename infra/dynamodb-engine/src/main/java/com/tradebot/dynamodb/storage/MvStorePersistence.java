package com.tradebot.dynamodb.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.tradebot.dynamodb.protocol.Json;
import com.tradebot.dynamodb.table.TableDefinition;
import com.tradebot.dynamodb.table.TableDefinitionJson;
import com.tradebot.dynamodb.value.AttributeValue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Durable storage on H2's MVStore: one map of table definitions and one map of items per table
 * (keyed by the item key's JSON). Auto-commit is off so that a transaction's writes reach the file in one
 * commit, and every acknowledged write has been committed (written to the OS, which survives kill -9; no fsync).
 */
final class MvStorePersistence implements Persistence {
    private static final String TABLES = "tables";

    private final MVStore store;
    private final MVMap<String, String> tables;
    private final Map<String, MVMap<String, byte[]>> itemMaps = new java.util.concurrent.ConcurrentHashMap<>();

    MvStorePersistence(Path directory) {
        Path file = directory.resolve("dynamodb.mv.db");
        try {
            ownerOnly(Files.createDirectories(directory), "rwx------");
            ownerOnly(Files.exists(file) ? file : Files.createFile(file), "rw-------"); // password hashes, ciphertexts
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                // small pages: each commit rewrites the changed pages, so this bounds the bytes written per write
                .pageSplitSize(4096)
                .open();
        // Reuse the space of replaced chunks at once; otherwise one commit per write grows the file by
        // ~15 KB a write for 45 s. Old chunks matter only for OS crashes, not for a killed process.
        store.setRetentionTime(0);
        tables = store.openMap(TABLES);
    }

    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        }
    }

    private MVMap<String, byte[]> itemMap(TableDefinition table) {
        return itemMaps.computeIfAbsent(table.tableId(), id -> store.openMap("items:" + id));
    }

    @Override
    public List<StoredTable> load() {
        List<StoredTable> result = new ArrayList<>();
        for (String stored : tables.values()) {
            TableDefinition definition;
            try {
                definition = TableDefinitionJson.readStored(Json.parse(stored));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (byte[] bytes : itemMap(definition).values()) {
                items.add(ItemCodec.fromBytes(bytes));
            }
            result.add(new StoredTable(definition, items));
        }
        return result;
    }

    @Override
    public void saveTable(TableDefinition definition) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = ItemCodec.factory().createGenerator(out)) {
            TableDefinitionJson.writeStored(g, definition);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        tables.put(definition.name(), out.toString());
    }

    @Override
    public void dropTable(TableDefinition definition) {
        tables.remove(definition.name());
        store.removeMap(itemMap(definition));
        itemMaps.remove(definition.tableId());
    }

    @Override
    public void putItem(TableDefinition table, Map<String, AttributeValue> key, Map<String, AttributeValue> item) {
        itemMap(table).put(ItemCodec.toText(key), ItemCodec.toBytes(item));
    }

    @Override
    public void deleteItem(TableDefinition table, Map<String, AttributeValue> key) {
        itemMap(table).remove(ItemCodec.toText(key));
    }

    @Override
    public void commit() {
        store.commit();
    }

    @Override
    public void close() {
        store.close();
    }
}
