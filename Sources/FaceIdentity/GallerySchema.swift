import Foundation
import GRDB

/// The gallery's tables, created and upgraded by GRDB's migrator.
///
/// - `gallery`: one row, the embedder every descriptor comes from and the schema version.
/// - `person`: one row per enrolled name.
/// - `descriptor`: the vectors (little-endian Float32 BLOBs), several per person, each with its source image.
///   Deleting a person deletes their descriptors (foreign key, ON DELETE CASCADE).
enum GallerySchema {
    static let version = 1

    /// A new gallery is stamped with `embedder` in the same transaction that creates its tables.
    static func migrator(stampingNewGalleryWith embedder: EmbedderIdentity) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "gallery") { table in
                table.primaryKey("id", .integer).check { $0 == 1 }
                table.column("embedder", .text).notNull()
                table.column("dimension", .integer).notNull().check { $0 > 0 }
                table.column("metric", .text).notNull()
                table.column("schema_version", .integer).notNull()
                table.column("created", .datetime).notNull()
            }
            try db.create(table: "person") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("name", .text).notNull().unique()
                table.column("created", .datetime).notNull()
            }
            try db.create(table: "descriptor") { table in
                table.autoIncrementedPrimaryKey("id")
                table.column("person_id", .integer).notNull().indexed().references("person", onDelete: .cascade)
                table.column("vector", .blob).notNull()
                table.column("source_image", .text).notNull()
                table.column("added", .datetime).notNull()
            }
            try db.execute(
                sql: """
                    INSERT INTO gallery (id, embedder, dimension, metric, schema_version, created)
                    VALUES (1, ?, ?, ?, ?, ?)
                    """,
                arguments: [embedder.name, embedder.dimension, embedder.metric.rawValue, version, Date()])
        }
        return migrator
    }

    /// The embedder a gallery was stamped with, or nil when the row is missing or unreadable.
    static func embedder(_ db: Database) throws -> EmbedderIdentity? {
        guard let row = try Row.fetchOne(db, sql: "SELECT embedder, dimension, metric FROM gallery WHERE id = 1"),
            let name = row["embedder"] as String?,
            let dimension = row["dimension"] as Int?,
            let metricName = row["metric"] as String?,
            let metric = DistanceMetric(rawValue: metricName)
        else { return nil }
        return EmbedderIdentity(name: name, dimension: dimension, metric: metric)
    }
}
