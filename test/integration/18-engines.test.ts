// Acceptance of issue 7 (Docker Swarm engine), and the scenarios of the compose engine that apply to both,
// from one shared table: each scenario runs against compose (v2) and against a single-node swarm created
// here (`docker swarm init --advertise-addr 127.0.0.1`, left again afterwards).
// The swarm project is the compose project plus the demo's docker-compose.swarm.yml and `engine: swarm`:
// the same compose file, the same commands, the same files.
import { composeReality, swarmReality, composeV2Available, portAllocator } from './harness';
import { engineTable } from './harness/engine-table';

const ports = portAllocator(18);
engineTable({ reality: composeReality, ports: ports(0), skip: composeV2Available() ? false : 'compose v2 is not installed here' });
engineTable({ reality: swarmReality, ports: ports(1), skip: false });
