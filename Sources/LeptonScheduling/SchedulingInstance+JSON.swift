import Foundation
import LeptonCore

extension SchedulingInstance {
    /// Reads an instance from a JSON file in the format of docs/SCHEDULING.md.
    public init(contentsOf url: URL) throws(SchedulingError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadableFile(path: url.path, reason: "\(error.localizedDescription)")
        }
        try self.init(json: data, source: url.path)
    }

    /// Decodes an instance from JSON (docs/SCHEDULING.md); errors name `source` and the field at fault.
    public init(json data: Data, source: String = "instance JSON") throws(SchedulingError) {
        let document: InstanceDocument
        do {
            document = try JSONDecoder().decode(InstanceDocument.self, from: data)
        } catch let error as DecodingError {
            throw Self.describe(error, source: source)
        } catch {
            throw .malformedInstance(source: source, field: "(document)", problem: "\(error)")
        }
        let deviceNames = document.devices.map(\.name)
        func device(_ name: String, field: String) throws(SchedulingError) -> Int {
            guard let index = deviceNames.firstIndex(of: name) else {
                throw .unknownName(field: field, name: name, known: deviceNames)
            }
            return index
        }
        let jobNames = document.jobs.map(\.name)
        func job(_ name: String, field: String) throws(SchedulingError) -> Int {
            guard let index = jobNames.firstIndex(of: name) else {
                throw .unknownName(field: field, name: name, known: jobNames)
            }
            return index
        }
        var devices: [Device] = []
        for (index, entry) in document.devices.enumerated() {
            let kind: DeviceKind
            if let raw = entry.kind {
                guard let parsed = DeviceKind(rawValue: raw) else {
                    throw .invalidField(field: "devices[\(index)].kind", found: "'\(raw)'", expected: "\"edge\" or \"cloud\"")
                }
                kind = parsed
            } else {
                kind = .edge
            }
            devices.append(Device(name: entry.name, kind: kind, speed: entry.speed, memory: entry.memory.map(ByteCount.init(bytes:))))
        }
        var jobs: [Job] = []
        for (index, entry) in document.jobs.enumerated() {
            var origin: Int?
            if let name = entry.origin { origin = try device(name, field: "jobs[\(index)].origin") }
            jobs.append(Job(name: entry.name, work: entry.work ?? 0, weight: entry.weight ?? 1,
                            memory: ByteCount(bytes: entry.memory ?? 0), input: ByteCount(bytes: entry.input ?? 0), origin: origin))
        }
        var links: [Link] = []
        for (index, entry) in (document.links ?? []).enumerated() {
            links.append(Link(from: try device(entry.from, field: "links[\(index)].from"),
                              to: try device(entry.to, field: "links[\(index)].to"),
                              latency: Seconds(entry.latency), bandwidth: .bitsPerSecond(entry.bandwidth)))
        }
        var edges: [DataEdge] = []
        for (index, entry) in (document.edges ?? []).enumerated() {
            edges.append(DataEdge(from: try job(entry.from, field: "edges[\(index)].from"),
                                  to: try job(entry.to, field: "edges[\(index)].to"), data: ByteCount(bytes: entry.data ?? 0)))
        }
        if document.executionTimes == nil {
            for (index, entry) in document.jobs.enumerated() where entry.work == nil {
                throw .malformedInstance(source: source, field: "jobs[\(index)].work",
                                         problem: "missing; give the job's operations, or an executionTimes matrix for all jobs")
            }
        }
        try self.init(name: document.name ?? source, devices: devices, jobs: jobs, links: links, edges: edges,
                      defaultLatency: Seconds(document.defaultLink?.latency ?? 0),
                      defaultBandwidth: document.defaultLink?.bandwidth.map(Bandwidth.bitsPerSecond),
                      executionTimes: document.executionTimes)
    }

    /// The instance as JSON in the format of docs/SCHEDULING.md (pretty-printed, keys sorted).
    public func jsonData() throws(SchedulingError) -> Data {
        let document = InstanceDocument(
            name: name,
            devices: devices.map { .init(name: $0.name, kind: $0.kind.rawValue, speed: $0.speed, memory: $0.memory?.bytes) },
            jobs: jobs.map { job in
                .init(name: job.name, work: job.work, weight: job.weight, memory: job.memory.bytes, input: job.input.bytes,
                      origin: job.origin.map { devices[$0].name })
            },
            links: links.map { .init(from: devices[$0.from].name, to: devices[$0.to].name,
                                     latency: $0.latency.value, bandwidth: $0.bandwidth.bitsPerSecond) },
            defaultLink: .init(latency: defaultLatency.value, bandwidth: defaultBandwidth?.bitsPerSecond),
            edges: edges.map { .init(from: jobs[$0.from].name, to: jobs[$0.to].name, data: $0.data.bytes) },
            executionTimes: executionTimes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return try encoder.encode(document)
        } catch {
            throw .invalidField(field: "(instance)", found: "\(error)", expected: "finite numbers that JSON can hold")
        }
    }

    private static func describe(_ error: DecodingError, source: String) -> SchedulingError {
        func path(_ codingPath: [any CodingKey], _ last: (any CodingKey)? = nil) -> String {
            var text = ""
            for key in codingPath + (last.map { [$0] } ?? []) {
                if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return text.isEmpty ? "(document)" : text
        }
        switch error {
        case let .keyNotFound(key, context):
            return .malformedInstance(source: source, field: path(context.codingPath, key), problem: "missing (required)")
        case let .typeMismatch(type, context):
            return .malformedInstance(source: source, field: path(context.codingPath),
                                      problem: "expected \(Self.jsonName(type)) but found another type")
        case let .valueNotFound(type, context):
            return .malformedInstance(source: source, field: path(context.codingPath),
                                      problem: "expected \(Self.jsonName(type)) but found null")
        case let .dataCorrupted(context):
            return .malformedInstance(source: source, field: path(context.codingPath),
                                      problem: "not valid JSON (\(context.debugDescription))")
        @unknown default:
            return .malformedInstance(source: source, field: "(document)", problem: "\(error)")
        }
    }

    private static func jsonName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Double.Type, is Int.Type: return "a number"
        case is [Any].Type: return "an array"
        default: return "\(type)"
        }
    }
}

/// The JSON document layout (see docs/SCHEDULING.md).
private struct InstanceDocument: Codable {
    struct DeviceEntry: Codable {
        var name: String
        var kind: String?
        var speed: Double
        var memory: Int?
    }
    struct JobEntry: Codable {
        var name: String
        var work: Double?
        var weight: Double?
        var memory: Int?
        var input: Int?
        var origin: String?
    }
    struct LinkEntry: Codable {
        var from: String
        var to: String
        var latency: Double
        var bandwidth: Double
    }
    struct DefaultLinkEntry: Codable {
        var latency: Double?
        var bandwidth: Double?
    }
    struct EdgeEntry: Codable {
        var from: String
        var to: String
        var data: Int?
    }
    var name: String?
    var devices: [DeviceEntry]
    var jobs: [JobEntry]
    var links: [LinkEntry]?
    var defaultLink: DefaultLinkEntry?
    var edges: [EdgeEntry]?
    var executionTimes: [[Double]]?
}
