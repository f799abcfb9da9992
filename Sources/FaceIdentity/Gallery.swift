import Foundation
import GRDB

/// The enrolled people and their descriptors, in one SQLite file in WAL mode, for one embedder.
///
/// A final class around a GRDB `DatabasePool` rather than an actor around a `DatabaseQueue`: the pool puts the
/// file in WAL mode and serialises writes itself, and its readers run beside a writer, so the daemon can
/// reload its `DescriptorIndex` while an `enroll` (in this or another process) is committing. GRDB already
/// does the locking, so an actor would only add `await`s. Every change is one transaction: a crash or
/// `kill -9` leaves the gallery as it was before or after it, never in between.
public final class Gallery: Sendable {
    public let path: String
    public let embedder: EmbedderIdentity
    let pool: DatabasePool

    /// Opens the gallery at `path` for `embedder`, creating it (stamped with `embedder`) when the file does not
    /// exist or is empty. Throws `GalleryError.embedderMismatch` when the gallery belongs to another embedder.
    public convenience init(path: String, embedder: EmbedderIdentity) throws(GalleryError) {
        try GalleryFailure.checkLocation(path, mustExist: false)
        try self.init(path: path, requiring: embedder)
    }

    /// Opens an existing gallery whatever its embedder (what listing, removing and renaming people need).
    public convenience init(existingAt path: String) throws(GalleryError) {
        try GalleryFailure.checkLocation(path, mustExist: true)
        try self.init(path: path, requiring: nil)
    }

    private init(path: String, requiring requested: EmbedderIdentity?) throws(GalleryError) {
        let pool = try Self.openPool(path)
        let stamped = try GalleryFailure.translating(path) { () throws -> EmbedderIdentity in
            try Self.checkContents(of: pool, path: path, allowingEmpty: requested != nil)
            if let requested {
                try GallerySchema.migrator(stampingNewGalleryWith: requested).migrate(pool)
            }
            guard let stamped = try pool.read(GallerySchema.embedder) else {
                throw GalleryError.corrupt(path: path, detail: "the gallery table names no valid embedder")
            }
            return stamped
        }
        if let requested, requested != stamped {
            throw .embedderMismatch(path: path, gallery: stamped, requested: requested)
        }
        self.path = path
        self.embedder = stamped
        self.pool = pool
    }

    private static func openPool(_ path: String) throws(GalleryError) -> DatabasePool {
        var configuration = Configuration()
        configuration.label = "gallery"
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        return try GalleryFailure.translating(path) { try DatabasePool(path: path, configuration: configuration) }
    }

    /// Refuses SQLite files that are not galleries, galleries of a newer schema, and damaged files.
    private static func checkContents(of pool: DatabasePool, path: String, allowingEmpty: Bool) throws {
        try pool.read { db in
            let tables = try String.fetchSet(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if tables.isEmpty {
                if allowingEmpty { return }
                throw GalleryError.notAGallery(path: path, reason: "an empty SQLite database")
            }
            guard tables.isSuperset(of: ["gallery", "person", "descriptor", "grdb_migrations"]) else {
                throw GalleryError.notAGallery(path: path, reason: "an SQLite database without the gallery's tables")
            }
            if try GallerySchema.migrator(stampingNewGalleryWith: .dlibResNet).hasBeenSuperseded(db) {
                throw GalleryError.newerSchema(path: path)
            }
            let problems = try String.fetchAll(db, sql: "PRAGMA quick_check(3)")
            if problems != ["ok"] {
                throw GalleryError.corrupt(path: path, detail: problems.joined(separator: "; "))
            }
        }
    }
}
