extension Schedule {
    /// Every rule the schedule breaks for `instance` (empty when it is feasible).
    ///
    /// Checks: one placement per job on an existing device that can run it; each job runs
    /// at least its processing time; no two jobs overlap on a device; each job starts no
    /// earlier than every predecessor's finish plus the data's communication time.
    public func violations(in instance: SchedulingInstance, tolerance: Double = 1e-9) -> [String] {
        var problems: [String] = []
        guard placements.count == instance.jobs.count,
              placements.enumerated().allSatisfy({ $0.offset == $0.element.job }) else {
            return ["expected one placement per job (\(instance.jobs.count)) indexed by job, found \(placements.count)"]
        }
        for placement in placements {
            let name = instance.jobs[placement.job].name
            guard instance.devices.indices.contains(placement.device) else {
                problems.append("job '\(name)': device index \(placement.device) does not exist")
                continue
            }
            let needed = instance.processingTime(job: placement.job, device: placement.device)
            if !needed.isFinite {
                problems.append("job '\(name)' cannot run on device '\(instance.devices[placement.device].name)'")
            } else if placement.start < -tolerance || placement.finish - placement.start < needed - tolerance {
                problems.append("job '\(name)': runs \(placement.start)…\(placement.finish) but needs \(needed) s")
            }
        }
        for device in instance.devices.indices {
            let onDevice = jobs(on: device)
            for (earlier, later) in zip(onDevice, onDevice.dropFirst()) where later.start < earlier.finish - tolerance {
                problems.append("device '\(instance.devices[device].name)': jobs '\(instance.jobs[earlier.job].name)' "
                                + "and '\(instance.jobs[later.job].name)' overlap")
            }
        }
        for edge in instance.edges {
            let producer = placements[edge.from]
            let consumer = placements[edge.to]
            let arrival = producer.finish + instance.communicationTime(edge.data, from: producer.device, to: consumer.device)
            if consumer.start < arrival - tolerance {
                problems.append("job '\(instance.jobs[edge.to].name)' starts at \(consumer.start) before the data of "
                                + "'\(instance.jobs[edge.from].name)' arrives at \(arrival)")
            }
        }
        return problems
    }
}
