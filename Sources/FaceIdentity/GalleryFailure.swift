import Foundation
import GRDB

/// Turns what the file system and SQLite report about a gallery file into `GalleryError`s.
enum GalleryFailure {
    /// Refuses, before SQLite sees it, a path SQLite would reject with a vaguer message (or, for a missing
    /// file that must exist, silently create).
    static func checkLocation(_ path: String, mustExist: Bool) throws(GalleryError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw .isDirectory(path: path) }
            return
        }
        if mustExist { throw .fileNotFound(path: path) }
        let parent = (path as NSString).deletingLastPathComponent
        let folder = parent.isEmpty ? "." : parent
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw .cannotOpen(path: path, reason: "no such directory: \(folder)")
        }
        guard isDirectory.boolValue else {
            throw .cannotOpen(path: path, reason: "\(folder) is not a directory")
        }
    }

    /// Runs `body`, translating SQLite's errors; `GalleryError`s thrown inside pass through unchanged.
    static func translating<T>(_ path: String, _ body: () throws -> T) throws(GalleryError) -> T {
        do {
            return try body()
        } catch let error as GalleryError {
            throw error
        } catch let error as DatabaseError {
            throw translate(error, path: path)
        } catch {
            throw .database(path: path, detail: String(describing: error))
        }
    }

    static func translate(_ error: DatabaseError, path: String) -> GalleryError {
        let detail = "SQLite: " + (error.message ?? "result code \(error.resultCode.rawValue)")
        switch error.resultCode {
        case .SQLITE_NOTADB:
            return .notAGallery(path: path, reason: "not an SQLite database; \(detail)")
        case .SQLITE_CORRUPT:
            return .corrupt(path: path, detail: detail)
        case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            return .cannotOpen(path: path, reason: detail)
        default:
            return .database(path: path, detail: detail)
        }
    }
}
