#!/usr/bin/python3
"""Python side of scripts/bench/extractor-bench: Debian's torch on the same TorchScript files as DJL, the shared
stimulus frames, pymoten on them, and the comparison of pymoten's energies with ours.

  torch    --catalogue DIR --id ID --batch B --iterations N --threads T   one JSON line of timings
  frames   --out FRAMES.npy --clips N --frames T --size S --fps F          drifting gratings and moving textures
  moten    --frames FRAMES.npy --fps F --out ENERGIES.npy --repeat R      pymoten (on PYTHONPATH), timed
  compare  --ours OURS.npy --ours-json OURS.json --moten ENERGIES.npy --meta FRAMES.json
"""

import argparse
import json
import sys
import time

import numpy as np


def torch_bench(args):
    import torch
    torch.set_num_threads(args.threads)
    entry = json.load(open("%s/%s.json" % (args.catalogue, args.id)))
    spec = entry["input"]
    crop = spec["crop"]
    shape = (args.batch, 3, spec["frames"], crop, crop) if spec["layout"] == "NCTHW" else (args.batch, 3, crop, crop)
    start = time.perf_counter()
    model = torch.jit.load("%s/%s.pt" % (args.catalogue, args.id)).eval()
    load = time.perf_counter() - start
    x = torch.randn(*shape, generator=torch.Generator().manual_seed(1))

    def forward():
        begin = time.perf_counter()
        with torch.no_grad():
            outputs = model(x)
            for value in outputs.values():
                value.numpy()
        return time.perf_counter() - begin

    warmup = [forward(), forward()]
    times = [forward() for _ in range(args.iterations)]
    print(json.dumps({"runtime": "torch %s" % torch.__version__, "model": args.id, "batch": args.batch,
                      "threads": torch.get_num_threads(), "load_seconds": round(load, 3),
                      "warmup_seconds": [round(t, 3) for t in warmup], "best_seconds": round(min(times), 4),
                      "mean_seconds": round(sum(times) / len(times), 4),
                      "inputs_per_second": round(args.batch / min(times), 3)}))


def frames(args):
    """Half drifting gratings (known direction, spatial and temporal frequency), half textures translating at a
    constant velocity: smoothed noise, so every channel sees some energy and the stimuli differ in many ways."""
    rng = np.random.default_rng(args.seed)
    size, count = args.size, args.frames
    y, x = np.mgrid[0:size, 0:size]
    x = (x + 0.5) / size
    y_up = 1 - (y + 0.5) / size
    t = np.arange(count) / args.fps
    clips, meta = [], []
    for c in range(args.clips):
        if c % 2 == 0:
            direction = float(rng.choice(np.arange(0, 360, 45)))
            cycles = float(rng.choice([2, 4, 8]))
            hz = float(rng.choice([0, 2, 4]))
            if hz == 0:
                direction %= 180
            amplitude = float(rng.uniform(0.15, 0.45))
            phase = float(rng.uniform(0, 2 * np.pi))
            theta = np.radians(direction)
            u = x * np.cos(theta) + y_up * np.sin(theta)
            clip = 0.5 + amplitude * np.cos(2 * np.pi * (cycles * u[None] - hz * t[:, None, None]) + phase)
            meta.append({"kind": "grating", "direction": direction, "cycles": cycles, "hz": hz})
        else:
            big = 2 * size
            noise = rng.standard_normal((big, big))
            spectrum = np.fft.fft2(noise)
            fy, fx = np.meshgrid(np.fft.fftfreq(big), np.fft.fftfreq(big), indexing="ij")
            texture = np.real(np.fft.ifft2(spectrum / (1e-3 + np.hypot(fx, fy))))  # 1/f, like natural images
            texture = (texture - texture.mean()) / (4 * texture.std()) + 0.5
            speed = rng.uniform(0.5, 3.0)  # pixels per frame
            angle = rng.uniform(0, 2 * np.pi)
            clip = np.empty((count, size, size))
            for f in range(count):
                dx, dy = speed * f * np.cos(angle), -speed * f * np.sin(angle)
                clip[f] = shifted(texture, dy, dx)[:size, :size]
            meta.append({"kind": "texture", "pixels_per_frame": speed, "direction": float(np.degrees(angle))})
        clips.append(np.clip(clip, 0, 1))
    np.save(args.out, np.asarray(clips, dtype=np.float32))
    json.dump(meta, open(args.out.replace(".npy", ".json"), "w"))


def shifted(image, dy, dx):
    """The periodic image moved by a sub-pixel offset, through the Fourier shift theorem."""
    fy, fx = np.meshgrid(np.fft.fftfreq(image.shape[0]), np.fft.fftfreq(image.shape[1]), indexing="ij")
    return np.real(np.fft.ifft2(np.fft.fft2(image) * np.exp(-2j * np.pi * (fy * dy + fx * dx))))


def pyramid(size, fps):
    import moten
    return moten.pyramids.MotionEnergyPyramid(stimulus_vhsize=(size, size), stimulus_fps=fps,
                                              temporal_frequencies=[0, 2, 4], spatial_frequencies=[2, 4, 8])


def moten_bench(args):
    import moten
    stimuli = np.load(args.frames)
    clips, count, size = stimuli.shape[0], stimuli.shape[1], stimuli.shape[2]
    fps = int(round(args.fps))
    p = pyramid(size, fps)
    width = p.definition.filter_temporal_width
    centre = int(np.ceil(width / 2.0))
    # the frames whose whole temporal window lies inside the clip, as ours averages
    interior = slice(width - centre, count - centre + 1)

    def energies(project):
        out = np.empty((clips, p.nfilters))
        start = time.perf_counter()
        for c in range(clips):
            per_frame = project(stimuli[c], quadrature_combination=lambda s, q: s ** 2 + q ** 2,
                                output_nonlinearity=lambda v: v)
            out[c] = np.asarray(per_frame)[interior].mean(axis=0)
        return out, time.perf_counter() - start

    energies(p.project_stimulus_batched)  # warm-up
    batched = [energies(p.project_stimulus_batched) for _ in range(args.repeat)]
    plain = energies(p.project_stimulus)
    out = batched[0][0]
    np.save(args.out, out)
    filters = [{k: float(f[k]) for k in ("spatial_freq", "temporal_freq", "direction", "centerh", "centerv")}
               for f in p.filters]
    json.dump(filters, open(args.out.replace(".npy", ".filters.json"), "w"))
    best = min(t for _, t in batched)
    print(json.dumps({"runtime": "pymoten " + getattr(moten, "__version__", "?"), "clips": clips, "frames": count,
                      "size": size, "channels": p.nfilters, "temporal_width_frames": width,
                      "batched_best_seconds": round(best, 4), "batched_clips_per_second": round(clips / best, 3),
                      "plain_seconds": round(plain[1], 4), "plain_clips_per_second": round(clips / plain[1], 3),
                      "max_difference_batched_vs_plain": float(np.abs(plain[0] - out).max() / np.abs(out).max())}))


def compare(args):
    """Pearson r across the stimuli between each of our channels and pymoten's channel of the same spatial
    frequency, temporal frequency, direction and position (the image centre, the only place both pyramids put a
    filter at every scale), and how often both prefer the same centre channel for a grating.

    pymoten applies its temporal Gabor as a convolution (frame t - d meets tap d), which reverses time, so its
    moving filter labelled d prefers motion toward d + 180; both labellings are scored."""
    ours = np.load(args.ours)
    names = json.loads(open(args.ours_json).read().strip().splitlines()[-1])["channel_names"]
    theirs = np.load(args.moten)
    filters = json.load(open(args.moten.replace(".npy", ".filters.json")))
    meta = json.load(open(args.meta))
    centre_site = {2.0: "r0c0", 4.0: "r0c0", 8.0: "r1c1"}

    def our_name(sf, tf, direction):
        tuning = "static_ori%d" % direction if tf == 0 else "tf%d_dir%d" % (tf, direction)
        return "me_sf%d_%s_%s" % (sf, centre_site[sf], tuning)

    centre = [j for j, f in enumerate(filters) if abs(f["centerh"] - 0.5) < 1e-9 and abs(f["centerv"] - 0.5) < 1e-9]
    gratings = [c for c, m in enumerate(meta) if m["kind"] == "grating"]
    result = {"matched_channels": len(centre), "gratings": len(gratings)}
    for label, offset in (("as_labelled", 0), ("reversed", 180)):
        ours_idx = np.array([names.index(our_name(filters[j]["spatial_freq"], filters[j]["temporal_freq"],
                                                  (filters[j]["direction"] + (offset if filters[j]["temporal_freq"] else 0)) % 360))
                             for j in centre])
        rs = np.array([np.corrcoef(ours[:, i], theirs[:, j])[0, 1] for i, j in zip(ours_idx, centre)])
        agree = sum(int(np.argmax(ours[c, ours_idx]) == np.argmax(theirs[c, centre])) for c in gratings)
        result["pymoten_" + label] = {"pearson_r_median": round(float(np.median(rs)), 4),
                                      "pearson_r_min": round(float(rs.min()), 4),
                                      "pearson_r_quartiles": [round(float(q), 4) for q in np.percentile(rs, [25, 75])],
                                      "channels_with_r_above_0.95": int((rs > 0.95).sum()),
                                      "same_preferred_channel": agree}
    truth = [names.index(our_name(meta[c]["cycles"], meta[c]["hz"], meta[c]["direction"])) for c in gratings]
    centre_ours = [names.index(our_name(filters[j]["spatial_freq"], filters[j]["temporal_freq"], filters[j]["direction"]))
                   for j in centre]
    result["ours_preferred_is_the_grating"] = sum(
        int(centre_ours[int(np.argmax(ours[c, centre_ours]))] == t) for c, t in zip(gratings, truth))
    pymoten_truth = 0
    for c in gratings:
        f = filters[centre[int(np.argmax(theirs[c, centre]))]]
        m = meta[c]
        pymoten_truth += int(f["spatial_freq"] == m["cycles"] and f["temporal_freq"] == m["hz"]
                             and f["direction"] == m["direction"])
    result["pymoten_preferred_is_the_grating_as_labelled"] = pymoten_truth
    print(json.dumps(result))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("torch")
    t.add_argument("--catalogue", required=True)
    t.add_argument("--id", required=True)
    t.add_argument("--batch", type=int, default=1)
    t.add_argument("--iterations", type=int, default=5)
    t.add_argument("--threads", type=int, default=2)
    f = sub.add_parser("frames")
    f.add_argument("--out", required=True)
    f.add_argument("--clips", type=int, default=24)
    f.add_argument("--frames", type=int, default=72)
    f.add_argument("--size", type=int, default=64)
    f.add_argument("--fps", type=float, default=24)
    f.add_argument("--seed", type=int, default=5)
    m = sub.add_parser("moten")
    m.add_argument("--frames", required=True)
    m.add_argument("--fps", type=float, default=24)
    m.add_argument("--out", required=True)
    m.add_argument("--repeat", type=int, default=2)
    c = sub.add_parser("compare")
    c.add_argument("--ours", required=True)
    c.add_argument("--ours-json", required=True)
    c.add_argument("--moten", required=True)
    c.add_argument("--meta", required=True)
    args = parser.parse_args()
    {"torch": torch_bench, "frames": frames, "moten": moten_bench, "compare": compare}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
