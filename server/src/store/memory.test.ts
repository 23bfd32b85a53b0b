import { describeDocStoreContract } from './contract';
import { MemoryBackend, MemoryDocStore } from './memory';

// One backend per test file run: every store the suite makes shares it, like instances
// sharing a database. Document names are unique per test, so tests never see each other.
const backend = new MemoryBackend();
describeDocStoreContract('memory', async () => new MemoryDocStore(backend));
