// Fused optimizer updates (the kernel ABI of @tensile/optimizers: one kernel call per step covers
// every parameter), here one parameter's elements [begin, end) per call. Each kernel is the cpu
// backend's loop of the same name, vectorized; the step-dependent coefficients (bias corrections,
// learning-rate decay, NAdam's momentum schedule) are computed once per step on the TypeScript side
// in float64 and passed in.
//
// Arithmetic is float64 (two lanes per vector), as in those loops: values are read as float32,
// promoted, and rounded once when stored, so the fused update equals the cpu backend's to the last
// bit or so (the update is memory-bound; the wider arithmetic costs nothing measurable). Outputs
// are sections of one packed tensor, so writes never run past `end`: pairs first, then one lane.

/** Loads and stores of one step: two float32 as two float64 lanes, or one (tail). */
class Lanes {
  @inline
  static load(p: usize, tail: bool): v128 {
    return f64x2.promote_low_f32x4(tail ? v128.load32_zero(p) : v128.load64_zero(p));
  }

  @inline
  static store(p: usize, v: v128, tail: bool): void {
    const rounded = f32x4.demote_f64x2_zero(v);
    if (tail) v128.store32_lane(p, rounded, 0);
    else v128.store64_lane(p, rounded, 0);
  }

  /** d = g + λθ (coupled weight decay; λ = 0 leaves g). */
  @inline
  static decayed(p: usize, g: usize, o: usize, coupled: v128, tail: bool): v128 {
    return f64x2.add(Lanes.load(g + o, tail), f64x2.mul(Lanes.load(p + o, tail), coupled));
  }

  /** β·s + (1 − β)·x, the exponential moving average of x. */
  @inline
  static ema(s: usize, o: usize, x: v128, beta: v128, oneMinusBeta: v128, tail: bool): v128 {
    return f64x2.add(f64x2.mul(Lanes.load(s + o, tail), beta), f64x2.mul(x, oneMinusBeta));
  }
}

// ---- SGD ----------------------------------------------------------------------------------------

class Sgd {
  @inline
  static step(
    p: usize,
    g: usize,
    buf: usize,
    update: usize,
    nextBuf: usize,
    o: usize,
    negLr: v128,
    momentum: v128,
    damp: v128,
    coupled: v128,
    nesterov: bool,
    first: bool,
    hasMomentum: bool,
    tail: bool,
  ): void {
    const d = Lanes.decayed(p, g, o, coupled, tail);
    if (!hasMomentum) {
      Lanes.store(update + o, f64x2.mul(d, negLr), tail);
      return;
    }
    // PyTorch: the buffer is the gradient itself on the first step (no dampening)
    const b = first
      ? d
      : f64x2.add(f64x2.mul(Lanes.load(buf + o, tail), momentum), f64x2.mul(d, damp));
    Lanes.store(nextBuf + o, b, tail);
    const direction = nesterov ? f64x2.add(d, f64x2.mul(b, momentum)) : b;
    Lanes.store(update + o, f64x2.mul(direction, negLr), tail);
  }
}

/** SgdUpdate: momentum buffer b = μb + (1 − dampening)d, update −lr·(nesterov ? d + μb : b). */
export function sgdStep(
  p: usize,
  g: usize,
  buf: usize,
  update: usize,
  nextBuf: usize,
  negLr: f64,
  momentum: f64,
  damp: f64,
  weightDecay: f64,
  nesterov: bool,
  first: bool,
  hasMomentum: bool,
  begin: i32,
  end: i32,
): void {
  const lr = f64x2.splat(negLr);
  const mu = f64x2.splat(momentum);
  const dm = f64x2.splat(damp);
  const wd = f64x2.splat(weightDecay);
  let i = begin;
  for (; i + 2 <= end; i += 2) {
    const o = (<usize>i) << 2;
    Sgd.step(p, g, buf, update, nextBuf, o, lr, mu, dm, wd, nesterov, first, hasMomentum, false);
  }
  for (; i < end; i++) {
    const o = (<usize>i) << 2;
    Sgd.step(p, g, buf, update, nextBuf, o, lr, mu, dm, wd, nesterov, first, hasMomentum, true);
  }
}

// ---- Adam, AdamW, NAdam, RAdam ------------------------------------------------------------------

class AdamFamily {
  /**
   * m' = β₁m + (1 − β₁)d, v' = β₂v + (1 − β₂)d², then by kind:
   *   0 Adam/AdamW  u = s·m'/(√v̂·c + eps), v̂ = max(vmax, v') with amsgrad, else v'
   *   1 NAdam       u = (s₁·d + s·m')/(√(v'·c) + eps)
   *   2 RAdam       u = s·m'/(√v' + eps), or s·m' while the variance is not yet tractable
   * and update = u + decay·θ (decoupled weight decay, decay = −lr·λ).
   */
  @inline
  static step(
    kind: i32,
    p: usize,
    g: usize,
    m: usize,
    v: usize,
    vmax: usize,
    update: usize,
    nextM: usize,
    nextV: usize,
    nextVmax: usize,
    o: usize,
    coupled: v128,
    b1: v128,
    b1c: v128,
    b2: v128,
    b2c: v128,
    s: v128,
    s1: v128,
    c: v128,
    eps: v128,
    decay: v128,
    amsgrad: bool,
    adaptive: bool,
    tail: bool,
  ): void {
    const d = Lanes.decayed(p, g, o, coupled, tail);
    const m1 = Lanes.ema(m, o, d, b1, b1c, tail);
    let v1 = Lanes.ema(v, o, f64x2.mul(d, d), b2, b2c, tail);
    Lanes.store(nextM + o, m1, tail);
    Lanes.store(nextV + o, v1, tail);
    let u: v128;
    if (kind == 0) {
      if (amsgrad) {
        v1 = f64x2.max(Lanes.load(vmax + o, tail), v1);
        Lanes.store(nextVmax + o, v1, tail);
      }
      u = f64x2.div(f64x2.mul(m1, s), f64x2.add(f64x2.mul(f64x2.sqrt(v1), c), eps));
    } else if (kind == 1) {
      const numerator = f64x2.add(f64x2.mul(d, s1), f64x2.mul(m1, s));
      u = f64x2.div(numerator, f64x2.add(f64x2.sqrt(f64x2.mul(v1, c)), eps));
    } else {
      u = adaptive ? f64x2.div(f64x2.mul(m1, s), f64x2.add(f64x2.sqrt(v1), eps)) : f64x2.mul(m1, s);
    }
    Lanes.store(update + o, f64x2.add(u, f64x2.mul(Lanes.load(p + o, tail), decay)), tail);
  }

  @inline
  static run(
    kind: i32,
    p: usize,
    g: usize,
    m: usize,
    v: usize,
    vmax: usize,
    update: usize,
    nextM: usize,
    nextV: usize,
    nextVmax: usize,
    coupled: f64,
    beta1: f64,
    beta2: f64,
    s: f64,
    s1: f64,
    c: f64,
    eps: f64,
    decay: f64,
    amsgrad: bool,
    adaptive: bool,
    begin: i32,
    end: i32,
  ): void {
    const wd = f64x2.splat(coupled);
    const b1 = f64x2.splat(beta1);
    const b1c = f64x2.splat(1 - beta1);
    const b2 = f64x2.splat(beta2);
    const b2c = f64x2.splat(1 - beta2);
    const sv = f64x2.splat(s);
    const s1v = f64x2.splat(s1);
    const cv = f64x2.splat(c);
    const ev = f64x2.splat(eps);
    const dv = f64x2.splat(decay);
    let i = begin;
    for (; i + 2 <= end; i += 2) {
      const o = (<usize>i) << 2;
      AdamFamily.step(
        kind,
        p,
        g,
        m,
        v,
        vmax,
        update,
        nextM,
        nextV,
        nextVmax,
        o,
        wd,
        b1,
        b1c,
        b2,
        b2c,
        sv,
        s1v,
        cv,
        ev,
        dv,
        amsgrad,
        adaptive,
        false,
      );
    }
    for (; i < end; i++) {
      const o = (<usize>i) << 2;
      AdamFamily.step(
        kind,
        p,
        g,
        m,
        v,
        vmax,
        update,
        nextM,
        nextV,
        nextVmax,
        o,
        wd,
        b1,
        b1c,
        b2,
        b2c,
        sv,
        s1v,
        cv,
        ev,
        dv,
        amsgrad,
        adaptive,
        true,
      );
    }
  }
}

/** AdamUpdate and AdamwUpdate: s = −lr/(1 − β₁ᵗ), c = 1/√(1 − β₂ᵗ); decay = −lr·λ for AdamW. */
export function adamStep(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  vmax: usize,
  update: usize,
  nextM: usize,
  nextV: usize,
  nextVmax: usize,
  coupled: f64,
  beta1: f64,
  beta2: f64,
  s: f64,
  c: f64,
  eps: f64,
  decay: f64,
  amsgrad: bool,
  begin: i32,
  end: i32,
): void {
  AdamFamily.run(
    0,
    p,
    g,
    m,
    v,
    vmax,
    update,
    nextM,
    nextV,
    nextVmax,
    coupled,
    beta1,
    beta2,
    s,
    0,
    c,
    eps,
    decay,
    amsgrad,
    false,
    begin,
    end,
  );
}

/** NadamUpdate: s₁ = −lr(1 − μₜ)/(1 − Πμ), s = −lr·μₜ₊₁/(1 − Πμ·μₜ₊₁), c = 1/(1 − β₂ᵗ). */
export function nadamStep(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  update: usize,
  nextM: usize,
  nextV: usize,
  coupled: f64,
  beta1: f64,
  beta2: f64,
  gradStep: f64,
  avgStep: f64,
  invBc2: f64,
  eps: f64,
  decay: f64,
  begin: i32,
  end: i32,
): void {
  AdamFamily.run(
    1,
    p,
    g,
    m,
    v,
    0,
    update,
    nextM,
    nextV,
    0,
    coupled,
    beta1,
    beta2,
    avgStep,
    gradStep,
    invBc2,
    eps,
    decay,
    false,
    false,
    begin,
    end,
  );
}

/** RadamUpdate: s = −lr·r/(1 − β₁ᵗ) with the rectification r·√(1 − β₂ᵗ) once ρₜ > 5. */
export function radamStep(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  update: usize,
  nextM: usize,
  nextV: usize,
  coupled: f64,
  beta1: f64,
  beta2: f64,
  s: f64,
  eps: f64,
  decay: f64,
  adaptive: bool,
  begin: i32,
  end: i32,
): void {
  AdamFamily.run(
    2,
    p,
    g,
    m,
    v,
    0,
    update,
    nextM,
    nextV,
    0,
    coupled,
    beta1,
    beta2,
    s,
    0,
    0,
    eps,
    decay,
    false,
    adaptive,
    begin,
    end,
  );
}

// ---- Adamax, Adagrad, Adadelta, RMSprop -----------------------------------------------------------

class Others {
  /** Adamax: m' = β₁m + (1 − β₁)d, u' = max(β₂u, |d| + eps), update = s·m'/u'. */
  @inline
  static adamax(
    p: usize,
    g: usize,
    m: usize,
    inf: usize,
    update: usize,
    nextM: usize,
    nextInf: usize,
    o: usize,
    wd: v128,
    b1: v128,
    b1c: v128,
    b2: v128,
    s: v128,
    eps: v128,
    tail: bool,
  ): void {
    const d = Lanes.decayed(p, g, o, wd, tail);
    const m1 = Lanes.ema(m, o, d, b1, b1c, tail);
    const u = f64x2.max(f64x2.mul(Lanes.load(inf + o, tail), b2), f64x2.add(f64x2.abs(d), eps));
    Lanes.store(nextM + o, m1, tail);
    Lanes.store(nextInf + o, u, tail);
    Lanes.store(update + o, f64x2.div(f64x2.mul(m1, s), u), tail);
  }

  /** Adagrad: S' = S + d², update = −clr·d/(√S' + eps). */
  @inline
  static adagrad(
    p: usize,
    g: usize,
    sum: usize,
    update: usize,
    nextSum: usize,
    o: usize,
    wd: v128,
    negClr: v128,
    eps: v128,
    tail: bool,
  ): void {
    const d = Lanes.decayed(p, g, o, wd, tail);
    const s = f64x2.add(Lanes.load(sum + o, tail), f64x2.mul(d, d));
    Lanes.store(nextSum + o, s, tail);
    Lanes.store(update + o, f64x2.div(f64x2.mul(d, negClr), f64x2.add(f64x2.sqrt(s), eps)), tail);
  }

  /** Adadelta: E' = ρE + (1 − ρ)d², δ = √((A + eps)/(E' + eps))·d, A' = ρA + (1 − ρ)δ², update −lr·δ. */
  @inline
  static adadelta(
    p: usize,
    g: usize,
    sq: usize,
    acc: usize,
    update: usize,
    nextSq: usize,
    nextAcc: usize,
    o: usize,
    wd: v128,
    rho: v128,
    rhoc: v128,
    eps: v128,
    negLr: v128,
    tail: bool,
  ): void {
    const d = Lanes.decayed(p, g, o, wd, tail);
    const e = Lanes.ema(sq, o, f64x2.mul(d, d), rho, rhoc, tail);
    const a = Lanes.load(acc + o, tail);
    const delta = f64x2.mul(f64x2.sqrt(f64x2.div(f64x2.add(a, eps), f64x2.add(e, eps))), d);
    Lanes.store(nextSq + o, e, tail);
    Lanes.store(
      nextAcc + o,
      f64x2.add(f64x2.mul(a, rho), f64x2.mul(f64x2.mul(delta, delta), rhoc)),
      tail,
    );
    Lanes.store(update + o, f64x2.mul(delta, negLr), tail);
  }

  /**
   * RMSprop: E' = αE + (1 − α)d²; centered: ḡ' = αḡ + (1 − α)d and the variance E' − ḡ'²;
   * x = d/(√variance + eps); with momentum b' = μb + x (b' = x on the first step); update −lr·x.
   */
  @inline
  static rmsprop(
    p: usize,
    g: usize,
    sq: usize,
    avg: usize,
    buf: usize,
    update: usize,
    nextSq: usize,
    nextAvg: usize,
    nextBuf: usize,
    o: usize,
    wd: v128,
    alpha: v128,
    alphac: v128,
    eps: v128,
    momentum: v128,
    negLr: v128,
    centered: bool,
    hasMomentum: bool,
    first: bool,
    tail: bool,
  ): void {
    const d = Lanes.decayed(p, g, o, wd, tail);
    const e = Lanes.ema(sq, o, f64x2.mul(d, d), alpha, alphac, tail);
    Lanes.store(nextSq + o, e, tail);
    let variance = e;
    if (centered) {
      const mean = Lanes.ema(avg, o, d, alpha, alphac, tail);
      Lanes.store(nextAvg + o, mean, tail);
      variance = f64x2.sub(e, f64x2.mul(mean, mean));
    }
    let x = f64x2.div(d, f64x2.add(f64x2.sqrt(variance), eps));
    if (hasMomentum) {
      if (!first) x = f64x2.add(f64x2.mul(Lanes.load(buf + o, tail), momentum), x);
      Lanes.store(nextBuf + o, x, tail);
    }
    Lanes.store(update + o, f64x2.mul(x, negLr), tail);
  }
}

export function adamaxStep(
  p: usize,
  g: usize,
  m: usize,
  inf: usize,
  update: usize,
  nextM: usize,
  nextInf: usize,
  weightDecay: f64,
  beta1: f64,
  beta2: f64,
  s: f64,
  eps: f64,
  begin: i32,
  end: i32,
): void {
  const wd = f64x2.splat(weightDecay);
  const b1 = f64x2.splat(beta1);
  const b1c = f64x2.splat(1 - beta1);
  const b2 = f64x2.splat(beta2);
  const sv = f64x2.splat(s);
  const ev = f64x2.splat(eps);
  let i = begin;
  for (; i + 2 <= end; i += 2)
    Others.adamax(
      p,
      g,
      m,
      inf,
      update,
      nextM,
      nextInf,
      (<usize>i) << 2,
      wd,
      b1,
      b1c,
      b2,
      sv,
      ev,
      false,
    );
  for (; i < end; i++)
    Others.adamax(
      p,
      g,
      m,
      inf,
      update,
      nextM,
      nextInf,
      (<usize>i) << 2,
      wd,
      b1,
      b1c,
      b2,
      sv,
      ev,
      true,
    );
}

export function adagradStep(
  p: usize,
  g: usize,
  sum: usize,
  update: usize,
  nextSum: usize,
  weightDecay: f64,
  negClr: f64,
  eps: f64,
  begin: i32,
  end: i32,
): void {
  const wd = f64x2.splat(weightDecay);
  const lr = f64x2.splat(negClr);
  const ev = f64x2.splat(eps);
  let i = begin;
  for (; i + 2 <= end; i += 2)
    Others.adagrad(p, g, sum, update, nextSum, (<usize>i) << 2, wd, lr, ev, false);
  for (; i < end; i++)
    Others.adagrad(p, g, sum, update, nextSum, (<usize>i) << 2, wd, lr, ev, true);
}

export function adadeltaStep(
  p: usize,
  g: usize,
  sq: usize,
  acc: usize,
  update: usize,
  nextSq: usize,
  nextAcc: usize,
  weightDecay: f64,
  rho: f64,
  eps: f64,
  negLr: f64,
  begin: i32,
  end: i32,
): void {
  const wd = f64x2.splat(weightDecay);
  const r = f64x2.splat(rho);
  const rc = f64x2.splat(1 - rho);
  const ev = f64x2.splat(eps);
  const lr = f64x2.splat(negLr);
  let i = begin;
  for (; i + 2 <= end; i += 2)
    Others.adadelta(
      p,
      g,
      sq,
      acc,
      update,
      nextSq,
      nextAcc,
      (<usize>i) << 2,
      wd,
      r,
      rc,
      ev,
      lr,
      false,
    );
  for (; i < end; i++)
    Others.adadelta(
      p,
      g,
      sq,
      acc,
      update,
      nextSq,
      nextAcc,
      (<usize>i) << 2,
      wd,
      r,
      rc,
      ev,
      lr,
      true,
    );
}

export function rmspropStep(
  p: usize,
  g: usize,
  sq: usize,
  avg: usize,
  buf: usize,
  update: usize,
  nextSq: usize,
  nextAvg: usize,
  nextBuf: usize,
  weightDecay: f64,
  alpha: f64,
  eps: f64,
  momentum: f64,
  negLr: f64,
  centered: bool,
  hasMomentum: bool,
  first: bool,
  begin: i32,
  end: i32,
): void {
  const wd = f64x2.splat(weightDecay);
  const a = f64x2.splat(alpha);
  const ac = f64x2.splat(1 - alpha);
  const ev = f64x2.splat(eps);
  const mu = f64x2.splat(momentum);
  const lr = f64x2.splat(negLr);
  let i = begin;
  for (; i + 2 <= end; i += 2)
    Others.rmsprop(
      p,
      g,
      sq,
      avg,
      buf,
      update,
      nextSq,
      nextAvg,
      nextBuf,
      (<usize>i) << 2,
      wd,
      a,
      ac,
      ev,
      mu,
      lr,
      centered,
      hasMomentum,
      first,
      false,
    );
  for (; i < end; i++)
    Others.rmsprop(
      p,
      g,
      sq,
      avg,
      buf,
      update,
      nextSq,
      nextAvg,
      nextBuf,
      (<usize>i) << 2,
      wd,
      a,
      ac,
      ev,
      mu,
      lr,
      centered,
      hasMomentum,
      first,
      true,
    );
}
