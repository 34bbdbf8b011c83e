//! The statements stage's two classifiers, averaged perceptrons over hashed context
//! features trained on PolNeAR train: the cue model (`--example train_cues`, writes
//! `data/cue_model.bin`) and the content-end model (`--example train_ends`, writes
//! `data/end_model.bin`). Weights are a fixed table of 2^BITS i16 values plus a scale, so
//! each model is 512 KiB and loads without parsing.

use std::sync::OnceLock;

pub const BITS: u32 = 18;
pub const SIZE: usize = 1 << BITS;
const MASK: u64 = (SIZE as u64) - 1;

/// FNV-1a, 64-bit: cheap and good enough for feature hashing.
#[derive(Clone, Copy)]
pub struct Hasher(u64);

impl Hasher {
    pub fn new(template: u8) -> Hasher {
        Hasher(0xcbf2_9ce4_8422_2325).byte(template)
    }
    #[inline]
    pub fn byte(self, b: u8) -> Hasher {
        Hasher((self.0 ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3))
    }
    #[inline]
    pub fn str(self, s: &str) -> Hasher {
        let mut h = self.byte(0xff);
        for &b in s.as_bytes() {
            h = h.byte(b);
        }
        h
    }
    /// Combine with another hash (a precomputed word hash) in constant time.
    #[inline]
    pub fn mix(self, other: Hasher) -> Hasher {
        Hasher((self.0 ^ other.0.rotate_left(17)).wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }
    #[inline]
    pub fn bucket(self) -> u32 {
        // Fold the high bits in: FNV's low bits alone mix poorly.
        ((self.0 ^ (self.0 >> 29)) & MASK) as u32
    }
}

pub struct Model {
    /// Quantised weights; kept as i16 so the table (512 KiB) stays in cache.
    weights: Vec<i16>,
    scale: f32,
}

impl Model {
    /// The shipped model, or `None` if the data file is missing or malformed.
    pub fn get() -> Option<&'static Model> {
        static M: OnceLock<Option<Model>> = OnceLock::new();
        M.get_or_init(|| Model::from_bytes(include_bytes!("../data/cue_model.bin")))
            .as_ref()
    }

    /// The shipped content-end model, or `None` if its data file is missing or malformed.
    pub fn ends() -> Option<&'static Model> {
        static M: OnceLock<Option<Model>> = OnceLock::new();
        M.get_or_init(|| Model::from_bytes(include_bytes!("../data/end_model.bin")))
            .as_ref()
    }

    /// Layout: f32 scale (LE), then SIZE i16 weights (LE).
    pub fn from_bytes(b: &[u8]) -> Option<Model> {
        if b.len() != 4 + 2 * SIZE {
            return None;
        }
        let scale = f32::from_le_bytes(b[0..4].try_into().ok()?);
        let weights = b[4..]
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(Model { weights, scale })
    }

    pub fn to_bytes(weights: &[f32]) -> Vec<u8> {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs())).max(1e-9);
        let scale = max / i16::MAX as f32;
        let mut out = Vec::with_capacity(4 + 2 * weights.len());
        out.extend_from_slice(&scale.to_le_bytes());
        for w in weights {
            out.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
        }
        out
    }

    pub fn score(&self, feats: &[u32]) -> f32 {
        let sum: i32 = feats.iter().map(|&f| self.weights[f as usize] as i32).sum();
        sum as f32 * self.scale
    }

    /// Precision and recall of the model's decisions (score above zero) over labelled
    /// examples.
    pub fn precision_recall(&self, data: &[(Vec<u32>, bool)]) -> (f64, f64) {
        let (mut tp, mut fp, mut fneg) = (0, 0, 0);
        for (f, y) in data {
            match (self.score(f) > 0.0, *y) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fneg += 1,
                _ => {}
            }
        }
        (
            tp as f64 / (tp + fp).max(1) as f64,
            tp as f64 / (tp + fneg).max(1) as f64,
        )
    }
}

/// Averaged perceptron training over (features, label) examples.
pub fn train(examples: &[(Vec<u32>, bool)], epochs: usize) -> Vec<f32> {
    let mut w = vec![0f32; SIZE];
    let mut total = vec![0f32; SIZE]; // sum of weights over time, updated lazily
    let mut stamp = vec![0u64; SIZE];
    let mut t: u64 = 0;
    // A fixed, deterministic visiting order that differs per epoch.
    let n = examples.len();
    for epoch in 0..epochs {
        let stride = [1, 7919, 104_729, 15_485_863][epoch % 4] % n.max(1);
        let stride = if stride == 0 || gcd(stride, n) != 1 {
            1
        } else {
            stride
        };
        let mut idx = epoch % n.max(1);
        for _ in 0..n {
            let (f, y) = &examples[idx];
            idx = (idx + stride) % n;
            t += 1;
            let s: f32 = f.iter().map(|&k| w[k as usize]).sum();
            let pred = s > 0.0;
            if pred != *y {
                let d = if *y { 1.0 } else { -1.0 };
                for &k in f {
                    let k = k as usize;
                    total[k] += (t - stamp[k]) as f32 * w[k];
                    stamp[k] = t;
                    w[k] += d;
                }
            }
        }
    }
    for k in 0..SIZE {
        total[k] += (t - stamp[k]) as f32 * w[k];
    }
    total.iter().map(|x| x / t.max(1) as f32).collect()
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perceptron_learns_a_separable_rule_and_round_trips() {
        let f = |s: &str| Hasher::new(1).str(s).bucket();
        let bias = Hasher::new(0).bucket();
        let mut ex = Vec::new();
        for i in 0..200 {
            ex.push((vec![bias, f("said"), f(&format!("ctx{i}"))], true));
            ex.push((vec![bias, f("table"), f(&format!("ctx{i}"))], false));
        }
        let w = train(&ex, 3);
        let m = Model::from_bytes(&Model::to_bytes(&w)).unwrap();
        assert!(m.score(&[bias, f("said")]) > 0.0);
        assert!(m.score(&[bias, f("table")]) < 0.0);
    }
}
