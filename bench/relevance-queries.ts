/**
 * The judged query set over the sample book: what a reader would type, and the pages that answer
 * it (grade 2: the page for it; grade 1: a page that also helps). Judged by reading the pages,
 * before any ranking change, so a change is measured against the book, not against itself.
 */
export type JudgedQuery = { q: string; pages: Record<string, 1 | 2> };

const doc = (path: string) => `/docs/${path}`;

export const judgedQueries: JudgedQuery[] = [
  { q: "how does a robot keep its balance", pages: { [doc("humanoids/how-humanoids-balance")]: 2, [doc("humanoids/whole-body-control")]: 1 } },
  { q: "zero moment point", pages: { [doc("humanoids/whole-body-control")]: 2, [doc("humanoids/how-humanoids-balance")]: 1 } },
  { q: "what is physical AI", pages: { [doc("foundations/what-is-physical-ai")]: 2 } },
  { q: "sense think act loop", pages: { [doc("foundations/what-is-physical-ai")]: 2, [doc("programming/first-robot-program")]: 1 } },
  { q: "how to tune a PID controller", pages: { [doc("control/tuning-pid-controllers")]: 2, [doc("control/feedback-control-intuition")]: 1 } },
  { q: "integral windup", pages: { [doc("control/tuning-pid-controllers")]: 2 } },
  { q: "what does the derivative term do", pages: { [doc("control/feedback-control-intuition")]: 2, [doc("control/tuning-pid-controllers")]: 1 } },
  { q: "model predictive control receding horizon", pages: { [doc("control/model-predictive-control")]: 2 } },
  { q: "quadratic program solver", pages: { [doc("control/model-predictive-control")]: 2, [doc("humanoids/whole-body-control")]: 2 } },
  { q: "ROS 2 topics publish subscribe", pages: { [doc("programming/ros2-nodes-and-topics")]: 2, [doc("foundations/robot-software-stack")]: 1 } },
  { q: "quality of service settings", pages: { [doc("programming/ros2-nodes-and-topics")]: 2 } },
  { q: "my first robot program in python", pages: { [doc("programming/first-robot-program")]: 2 } },
  { q: "avoid memory allocation in a real-time loop", pages: { [doc("programming/real-time-control-code")]: 2 } },
  { q: "measuring jitter", pages: { [doc("programming/real-time-control-code")]: 2 } },
  { q: "which motor driver do I need", pages: { [doc("sensing/choosing-motors-and-drivers")]: 2, [doc("sensing/sensors-and-motors-basics")]: 1 } },
  { q: "brushed or brushless motor", pages: { [doc("sensing/choosing-motors-and-drivers")]: 2, [doc("sensing/sensor-fusion-and-motor-control")]: 1 } },
  { q: "kalman filter IMU", pages: { [doc("sensing/sensor-fusion-and-motor-control")]: 2 } },
  { q: "field oriented control", pages: { [doc("sensing/sensor-fusion-and-motor-control")]: 2 } },
  { q: "what sensors does a robot have", pages: { [doc("sensing/sensors-and-motors-basics")]: 2, [doc("foundations/robot-software-stack")]: 1 } },
  { q: "servo motor for a beginner", pages: { [doc("sensing/sensors-and-motors-basics")]: 2 } },
  { q: "sim to real gap domain randomisation", pages: { [doc("humanoids/simulation-to-reality")]: 2 } },
  { q: "deterministic replay of logs", pages: { [doc("foundations/designing-robot-software-systems")]: 2 } },
  {
    q: "layers of the robot software stack middleware",
    pages: { [doc("foundations/robot-software-stack")]: 2, [doc("foundations/designing-robot-software-systems")]: 1 },
  },
  { q: "torque controlled actuators", pages: { [doc("humanoids/whole-body-control")]: 2, [doc("sensing/choosing-motors-and-drivers")]: 1 } },
];
