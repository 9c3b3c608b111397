import Foundation
import LeptonCore
import LeptonInput

extension SchedulingInstance {
    /// Reads an instance from a JSON file in the format of docs/SCHEDULING.md.
    ///
    /// Checked as docs/INPUTS.md describes: errors name the file, the field path, the line
    /// and column, expected vs found; unknown keys are refused with the nearest valid one.
    public init(contentsOf url: URL) throws(SchedulingError) {
        let data: Data
        do {
            data = try CheckedJSON.read(url)
        } catch {
            throw .input(error)
        }
        try self.init(json: data, source: url.path)
    }

    /// Decodes an instance from JSON (docs/SCHEDULING.md); errors name `source`, the field
    /// path and its line and column.
    public init(json data: Data, source: String = "instance JSON") throws(SchedulingError) {
        let decoded: CheckedJSON.Decoded<InstanceDocument>
        do {
            decoded = try CheckedJSON.decode(InstanceDocument.self, from: data, file: source)
        } catch {
            throw .input(error)
        }
        do {
            try self.init(document: decoded.value, source: source)
        } catch {
            throw Self.locate(error, in: decoded.root, file: source)
        }
    }

    private init(document: InstanceDocument, source: String) throws(SchedulingError) {
        guard !document.jobs.isEmpty else {
            throw .invalidField(field: "jobs", found: "an empty list", expected: "at least one job")
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
        var links: [DeviceLink] = []
        for (index, entry) in (document.links ?? []).enumerated() {
            links.append(DeviceLink(from: try device(entry.from, field: "links[\(index)].from"),
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
                throw .invalidField(field: "jobs[\(index)].work", found: "no key 'work'",
                                    expected: "the job's operations (or an executionTimes matrix for all jobs)")
            }
        }
        try self.init(name: document.name ?? source, devices: devices, jobs: jobs, links: links, edges: edges,
                      defaultLatency: Seconds(document.defaultLink?.latency ?? 0),
                      defaultBandwidth: document.defaultLink?.bandwidth.map(Bandwidth.bitsPerSecond),
                      executionTimes: document.executionTimes)
    }

    /// A field error of the instance as an input problem with the file, line and column.
    private static func locate(_ error: SchedulingError, in root: JSONNode, file: String) -> SchedulingError {
        switch error {
        case let .invalidField(field, found, expected):
            return .input(CheckedJSON.problem(in: root, file: file, field: field, expected: expected, found: found,
                                              hint: "see docs/SCHEDULING.md for the instance format"))
        case let .unknownName(field, name, known):
            return .input(CheckedJSON.problem(in: root, file: file, field: field,
                                              expected: "the name of a \(field.hasPrefix("edges") ? "job" : "device") (\(known.joined(separator: ", ")))",
                                              found: "'\(name)'", hint: KeySuggestion.hint(for: name, in: known)))
        case let .duplicateName(field, name):
            return .input(CheckedJSON.problem(in: root, file: file, field: field, expected: "a name no other device or job has",
                                              found: "'\(name)' a second time", hint: "rename one of them"))
        case let .cyclicDependencies(jobs, edges):
            let field = edges.first.map { "edges[\($0)]" } ?? "edges"
            return .input(CheckedJSON.problem(in: root, file: file, field: field, expected: "a job graph without cycles (a DAG)",
                                              found: SchedulingError.cycleText(jobs: jobs, edges: edges),
                                              hint: "remove or reverse one of these edges"))
        case let .noEligibleDevice(job, memory, largest):
            let index = root.node(at: [.key("jobs")]).flatMap { node -> Int? in
                guard case .array(let entries) = node.value else { return nil }
                return entries.firstIndex { entry in
                    if case .object(let members) = entry.value, case .string(job)? = members.first(where: { $0.key == "name" })?.value.value { return true }
                    return false
                }
            }
            return .input(CheckedJSON.problem(in: root, file: file, field: index.map { "jobs[\($0)].memory" } ?? "jobs",
                                              expected: "at most the largest device's memory (\(largest))", found: "\(memory)",
                                              hint: "lower the job's memory or add a device with at least \(memory)"))
        default:
            return error
        }
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
}

/// The JSON document layout (see docs/SCHEDULING.md).
struct InstanceDocument: Codable {
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
